package dev.pinnipedjava.supervisor.oauth.state;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The random values of a login, from an injected source. */
public final class LoginRandomness {
  private final SecureRandom random;

  public LoginRandomness(SecureRandom random) {
    this.random = random;
  }

  /** A CSRF token: 32 random bytes, hex, as Pinniped's. */
  public String csrfToken() {
    return hex(32);
  }

  /** An upstream nonce: 16 random bytes, hex. */
  public Nonce nonce() {
    return new Nonce(hex(16));
  }

  /** A PKCE verifier: 32 random bytes, base64url (RFC 7636 section 4.1). */
  public CodeVerifier codeVerifier() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return new CodeVerifier(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** A login's request ID: 16 random bytes, hex. */
  public String requestId() {
    return hex(16);
  }

  private String hex(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
