package dev.pinnipedjava.testkit.ldap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code userPassword} values in OpenLDAP's salted SHA-1 scheme, {@code {SSHA}base64(sha1(password
 * + salt) + salt)}, so that the directory never holds a clear-text password.
 */
public final class LdapPasswordHash {
  static final String SCHEME = "{SSHA}";
  private static final int SALT_BYTES = 8;
  private static final int SHA1_BYTES = 20;

  private final SecureRandom random;

  public LdapPasswordHash(SecureRandom random) {
    this.random = random;
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] digest = digest(password, salt);
    byte[] value = Arrays.copyOf(digest, digest.length + salt.length);
    System.arraycopy(salt, 0, value, digest.length, salt.length);
    return SCHEME + Base64.getEncoder().encodeToString(value);
  }

  /** Whether {@code hashed} is the {@code {SSHA}} value of {@code password}. */
  public static boolean matches(String password, String hashed) {
    if (!hashed.startsWith(SCHEME)) {
      return false;
    }
    byte[] value;
    try {
      value = Base64.getDecoder().decode(hashed.substring(SCHEME.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (value.length <= SHA1_BYTES) {
      return false;
    }
    byte[] salt = Arrays.copyOfRange(value, SHA1_BYTES, value.length);
    return MessageDigest.isEqual(Arrays.copyOf(value, SHA1_BYTES), digest(password, salt));
  }

  private static byte[] digest(String password, byte[] salt) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(password.getBytes(StandardCharsets.UTF_8));
      sha1.update(salt);
      return sha1.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }
}
