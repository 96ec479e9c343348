package dev.pinnipedjava.cli.login;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The random values of one login, made as Pinniped makes them: state and nonce are 16 random bytes
 * in hex, the PKCE verifier 32 random bytes in hex (64 characters) with an S256 challenge.
 */
record LoginSecrets(String state, String nonce, String pkceVerifier) {

  static LoginSecrets generate(SecureRandom random) {
    return new LoginSecrets(hex(random, 16), hex(random, 16), hex(random, 32));
  }

  private static String hex(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }

  /** BASE64URL(SHA-256(verifier)) without padding (RFC 7636 S256). */
  String pkceChallenge() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(pkceVerifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Compares in constant time, so the comparison leaks nothing about the expected value. */
  static boolean matches(String expected, @org.jspecify.annotations.Nullable String actual) {
    return actual != null
        && MessageDigest.isEqual(
            expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            actual.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "LoginSecrets[<redacted>]";
  }
}
