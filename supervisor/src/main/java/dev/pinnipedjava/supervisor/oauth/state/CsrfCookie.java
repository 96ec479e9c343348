package dev.pinnipedjava.supervisor.oauth.state;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pinnipedjava.supervisor.keys.SymmetricKey;
import dev.pinnipedjava.supervisor.token.TokenLifetimes;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The CSRF cookie of browser logins, {@value #NAME}: a CSRF token signed with the Supervisor-wide
 * CSRF key (HMAC-SHA256), HttpOnly, Secure, SameSite=None (the upstream's redirect back is a
 * cross-site navigation), host-only and path {@code /} (the {@code __Host-} prefix), 7 days.
 */
public final class CsrfCookie {
  public static final String NAME = "__Host-pinniped-csrf-v2";

  private final Clock clock;

  public CsrfCookie(Clock clock) {
    this.clock = clock;
  }

  /** The cookie's value for {@code csrfToken}. */
  public String encode(String csrfToken, SymmetricKey key) {
    Instant now = clock.instant();
    SignedJWT signed =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .claim("csrf", csrfToken)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TokenLifetimes.CSRF_COOKIE)))
                .build());
    try {
      signed.sign(new MACSigner(key.bytes()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the CSRF cookie", e);
    }
    return signed.serialize();
  }

  /** The CSRF token in a cookie value, when this Supervisor made it and it has not expired. */
  public Optional<String> decode(String value, SymmetricKey key) {
    try {
      SignedJWT signed = SignedJWT.parse(value);
      if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())
          || !signed.verify(new MACVerifier(key.bytes()))) {
        return Optional.empty();
      }
      JWTClaimsSet claims = signed.getJWTClaimsSet();
      Date expires = claims.getExpirationTime();
      if (expires == null || !clock.instant().isBefore(expires.toInstant())) {
        return Optional.empty();
      }
      return Optional.ofNullable(claims.getStringClaim("csrf"));
    } catch (ParseException | JOSEException e) {
      return Optional.empty();
    }
  }

  /** The {@code Set-Cookie} header value that stores {@code value}. */
  public static String setCookieHeader(String value) {
    return NAME
        + "="
        + value
        + "; Path=/; Max-Age="
        + TokenLifetimes.CSRF_COOKIE.toSeconds()
        + "; HttpOnly; Secure; SameSite=None";
  }
}
