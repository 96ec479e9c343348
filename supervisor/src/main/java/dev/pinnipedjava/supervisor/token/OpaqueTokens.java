package dev.pinnipedjava.supervisor.token;

import dev.pinnipedjava.supervisor.keys.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque tokens as fosite's HMAC strategy makes them, with Pinniped's prefixes: 32 random bytes and
 * their HMAC-SHA256 under the FederationDomain's token signing key, both base64url without padding.
 * A token is only valid with the key that signed it: tokens of one FederationDomain are worthless
 * at another.
 */
public final class OpaqueTokens {
  /** What each kind of token starts with. */
  public enum Kind {
    AUTHORIZATION_CODE("pin_ac_"),
    ACCESS_TOKEN("pin_at_"),
    REFRESH_TOKEN("pin_rt_");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  private static final int ENTROPY = 32;
  private static final int LOGIN_ID_BYTES = 16;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  public OpaqueTokens(SecureRandom random) {
    this.random = random;
  }

  /** A new token of {@code kind}. */
  public OpaqueToken mint(Kind kind, SymmetricKey key) {
    byte[] entropy = new byte[ENTROPY];
    random.nextBytes(entropy);
    String randomPart = BASE64URL.encodeToString(entropy);
    String signature = BASE64URL.encodeToString(hmac(key, randomPart));
    return new OpaqueToken(kind.prefix() + randomPart + "." + signature, signature);
  }

  /**
   * A new token of {@code kind} bound to a login: its random part starts with the login's request
   * ID (16 bytes, as hex), then the usual 32 random bytes, so that the token names the Secret of
   * its login (see {@link #loginId}).
   */
  public OpaqueToken mintForLogin(Kind kind, SymmetricKey key, String requestId) {
    byte[] login = HexFormat.of().parseHex(requestId);
    if (login.length != LOGIN_ID_BYTES) {
      throw new IllegalArgumentException("a request ID is 16 bytes in hex");
    }
    byte[] randomPart = new byte[login.length + ENTROPY];
    System.arraycopy(login, 0, randomPart, 0, login.length);
    byte[] entropy = new byte[ENTROPY];
    random.nextBytes(entropy);
    System.arraycopy(entropy, 0, randomPart, login.length, ENTROPY);
    String encoded = BASE64URL.encodeToString(randomPart);
    String signature = BASE64URL.encodeToString(hmac(key, encoded));
    return new OpaqueToken(kind.prefix() + encoded + "." + signature, signature);
  }

  /**
   * The request ID a token of {@link #mintForLogin} names; check its signature with {@link
   * #signature} before trusting it.
   */
  public static Optional<String> loginId(Kind kind, String token) {
    if (!token.startsWith(kind.prefix())) {
      return Optional.empty();
    }
    String body = token.substring(kind.prefix().length());
    int dot = body.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    byte[] randomPart;
    try {
      randomPart = Base64.getUrlDecoder().decode(body.substring(0, dot));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (randomPart.length != LOGIN_ID_BYTES + ENTROPY) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().formatHex(randomPart, 0, LOGIN_ID_BYTES));
  }

  /**
   * The signature of {@code token}, when it is a token of {@code kind} that {@code key} signed.
   * Compares in constant time.
   */
  public static Optional<String> signature(Kind kind, String token, SymmetricKey key) {
    if (!token.startsWith(kind.prefix())) {
      return Optional.empty();
    }
    String body = token.substring(kind.prefix().length());
    int dot = body.indexOf('.');
    if (dot <= 0 || dot != body.lastIndexOf('.')) {
      return Optional.empty();
    }
    String randomPart = body.substring(0, dot);
    String signature = body.substring(dot + 1);
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return MessageDigest.isEqual(given, hmac(key, randomPart))
        ? Optional.of(signature)
        : Optional.empty();
  }

  private static byte[] hmac(SymmetricKey key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }
}
