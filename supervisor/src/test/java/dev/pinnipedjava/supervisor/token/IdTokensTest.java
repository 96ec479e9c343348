package dev.pinnipedjava.supervisor.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.pinnipedjava.supervisor.session.DownstreamSession;
import dev.pinnipedjava.supervisor.session.OidcUpstreamSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdTokensTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private final IdTokens idTokens =
      new IdTokens(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());

  @Test
  void eachTokenIsSignedByTheKeyItWasMintedWithWhenTheKeyChangesBackAndForth() throws Exception {
    ECKey first = new ECKeyGenerator(Curve.P_256).keyID("first").generate();
    ECKey second = new ECKeyGenerator(Curve.P_256).keyID("second").generate();

    for (ECKey key : List.of(first, second, first, second)) {
      SignedJWT token = SignedJWT.parse(idTokens.mint(key, contents()));
      ECKey other = key.equals(first) ? second : first;

      assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
      assertThat(token.getHeader().getKeyID()).isEqualTo(key.getKeyID());
      assertThat(token.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
      assertThat(token.verify(new ECDSAVerifier(other.toPublicJWK()))).isFalse();
    }
  }

  @Test
  void theClaimsNameTheLogin() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("key").generate();

    SignedJWT token = SignedJWT.parse(idTokens.mint(key, contents()));

    assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("https://issuer.example.com");
    assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("upstream-subject");
    assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("pinniped-cli");
    assertThat(token.getJWTClaimsSet().getStringClaim("username")).isEqualTo("alice");
    assertThat(token.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW);
    assertThat(token.getJWTClaimsSet().getExpirationTime().toInstant())
        .isEqualTo(NOW.plus(Duration.ofMinutes(2)));
  }

  private static IdTokens.Contents contents() {
    return new IdTokens.Contents(
        "https://issuer.example.com",
        "pinniped-cli",
        "pinniped-cli",
        new DownstreamSession(
            "upstream-subject",
            "alice",
            List.of("admins"),
            Map.of(),
            "Dex",
            "dex",
            "dex-uid",
            "oidc",
            NOW,
            new OidcUpstreamSession("rt", null, "upstream-subject", "https://dex.example.com"),
            List.of()),
        List.of("openid", "username", "groups"),
        null,
        "pin_at_access",
        NOW,
        Duration.ofMinutes(2));
  }
}
