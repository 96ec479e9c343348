package dev.pinnipedjava.cli.login;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies JWTs from the issuer as go-oidc does for Pinniped: signature by a key of the issuer's
 * JWKS with an algorithm the discovery document lists (RS256 when it lists none), the exact issuer,
 * the audience, and expiry.
 */
final class IdTokenVerifier {

  private final String issuer;
  private final JWKSet keys;
  private final Set<JWSAlgorithm> algorithms;
  private final Clock clock;

  IdTokenVerifier(String issuer, JWKSet keys, List<String> signingAlgorithms, Clock clock) {
    this.issuer = issuer;
    this.keys = keys;
    Set<JWSAlgorithm> allowed = new HashSet<>();
    signingAlgorithms.forEach(name -> allowed.add(JWSAlgorithm.parse(name)));
    this.algorithms = allowed.isEmpty() ? Set.of(JWSAlgorithm.RS256) : Set.copyOf(allowed);
    this.clock = clock;
  }

  /**
   * Verifies the token for the audience.
   *
   * @param expectedNonce the nonce the token must carry, or null to skip the check (refresh)
   * @throws LoginException naming what is wrong, never the token
   */
  JWTClaimsSet verify(String token, String audience, @Nullable String expectedNonce)
      throws LoginException {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(algorithms, new ImmutableJWKSet<>(keys)));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            audience, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "sub")) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        });
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException | BadJOSEException | com.nimbusds.jose.JOSEException e) {
      throw new LoginException(
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }
    if (expectedNonce != null) {
      Object nonce = claims.getClaim("nonce");
      if (!(nonce instanceof String text) || !LoginSecrets.matches(expectedNonce, text)) {
        throw new LoginException("received ID token with invalid nonce");
      }
    }
    return claims;
  }
}
