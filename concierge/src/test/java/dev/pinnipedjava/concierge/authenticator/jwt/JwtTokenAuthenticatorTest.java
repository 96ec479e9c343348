package dev.pinnipedjava.concierge.authenticator.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.testkit.oidcissuer.TestOidcIssuer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JwtTokenAuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final String AUDIENCE = "my-cluster";

  private static TestOidcIssuer issuer;
  private static TestOidcIssuer otherIssuer;

  @BeforeAll
  static void startIssuers() {
    issuer = TestOidcIssuer.start("/jwt-test");
    otherIssuer = TestOidcIssuer.start("/other");
  }

  @AfterAll
  static void stopIssuers() {
    issuer.close();
    otherIssuer.close();
  }

  /** A row of the table: how the token is made and what the authenticator must conclude. */
  record Case(
      String name,
      Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> claims,
      Function<JWTClaimsSet, String> token,
      String usernameClaim,
      @Nullable KubernetesUser wantUser,
      String wantRejection) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case accepts(
      String name,
      Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> claims,
      KubernetesUser want) {
    return new Case(name, claims, rs256(), "username", want, "");
  }

  static Case rejects(
      String name,
      Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> claims,
      String wantRejection) {
    return new Case(name, claims, rs256(), "username", null, wantRejection);
  }

  static Case rejectsToken(
      String name, Function<JWTClaimsSet, String> token, String wantRejection) {
    return new Case(name, c -> c, token, "username", null, wantRejection);
  }

  static Function<JWTClaimsSet, String> rs256() {
    return claims -> issuer.sign(claims, JWSAlgorithm.RS256);
  }

  static Stream<Case> cases() {
    KubernetesUser pat = KubernetesUser.of("pat", List.of("devs", "ops"));
    return Stream.of(
        accepts("valid RS256 token", c -> c, pat),
        new Case(
            "valid ES256 token",
            c -> c,
            claims -> issuer.sign(claims, JWSAlgorithm.ES256),
            "username",
            pat,
            ""),
        accepts("audience among several", c -> c.audience(List.of("other", AUDIENCE)), pat),
        accepts(
            "groups claim as one string",
            c -> c.claim("groups", "devs"),
            KubernetesUser.of("pat", List.of("devs"))),
        accepts(
            "no groups claim", c -> c.claim("groups", null), KubernetesUser.of("pat", List.of())),
        accepts(
            "nbf within the one-minute leeway",
            c -> c.notBeforeTime(at(Duration.ofSeconds(30))),
            pat),
        new Case(
            "custom username claim",
            c -> c.claim("email", "pat@example.com"),
            rs256(),
            "email",
            KubernetesUser.of("pat@example.com", List.of("devs", "ops")),
            ""),
        new Case(
            "email with email_verified false",
            c -> c.claim("email", "pat@example.com").claim("email_verified", false),
            rs256(),
            "email",
            null,
            "email is not verified"),
        rejects("expired", c -> c.expirationTime(at(Duration.ofSeconds(-1))), "token expired at"),
        rejects("no exp", c -> c.expirationTime(null), "token has no expiry"),
        rejects(
            "nbf beyond the leeway",
            c -> c.notBeforeTime(at(Duration.ofMinutes(2))),
            "not valid before"),
        rejects(
            "wrong audience", c -> c.audience("someone-else"), "does not contain \"my-cluster\""),
        rejects(
            "wrong issuer",
            c -> c.issuer("https://evil.example"),
            "token issuer \"https://evil.example\""),
        rejects(
            "no username claim",
            c -> c.claim("username", null),
            "claim \"username\" is not a non-empty string"),
        rejects(
            "username not a string",
            c -> c.claim("username", 42),
            "claim \"username\" is not a non-empty string"),
        rejects(
            "groups hold a number",
            c -> c.claim("groups", List.of("devs", 3)),
            "holds a non-string value"),
        rejects(
            "groups is an object",
            c -> c.claim("groups", Map.of("a", "b")),
            "is not a string or a list"),
        rejects(
            "system: username",
            c -> c.claim("username", "system:admin"),
            "username starts with the reserved prefix"),
        rejects(
            "system: group",
            c -> c.claim("groups", List.of("system:masters")),
            "a group starts with the reserved prefix"),
        rejectsToken(
            "signed by another issuer's key",
            claims -> otherIssuer.sign(claims, JWSAlgorithm.RS256),
            "signature is not valid"),
        rejectsToken(
            "tampered payload",
            claims -> tamper(issuer.sign(claims, JWSAlgorithm.RS256)),
            "signature is not valid"),
        rejectsToken(
            "alg none", claims -> new PlainJWT(claims).serialize(), "not signed (alg none)"),
        rejectsToken(
            "HS256", JwtTokenAuthenticatorTest::hs256, "signed with HS256, not RS256 or ES256"),
        rejectsToken("malformed", claims -> "not.a-jwt", "token is not a JWT"),
        rejectsToken(
            "oversized",
            claims -> "x".repeat(JwtTokenAuthenticator.MAX_TOKEN_LENGTH + 1),
            "token is longer than"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void authenticate(Case testCase) {
    JwtTokenAuthenticator authenticator =
        new JwtTokenAuthenticator(
            new JwtAuthenticatorSettings(
                issuer.issuer(), AUDIENCE, testCase.usernameClaim(), "groups", null),
            new ImmutableJWKSet<>(issuer.publicKeys()),
            Clock.fixed(NOW, ZoneOffset.UTC));
    JWTClaimsSet claims =
        testCase
            .claims()
            .apply(
                new JWTClaimsSet.Builder()
                    .issuer(issuer.issuer())
                    .audience(AUDIENCE)
                    .subject("sub-1")
                    .expirationTime(at(Duration.ofMinutes(5)))
                    .issueTime(at(Duration.ZERO))
                    .claim("username", "pat")
                    .claim("groups", List.of("devs", "ops")))
            .build();

    AuthenticationResult result = authenticator.authenticate(testCase.token().apply(claims));

    if (testCase.wantUser() != null) {
      assertThat(result).isEqualTo(new AuthenticationResult.Authenticated(testCase.wantUser()));
    } else {
      assertThat(result).isInstanceOf(AuthenticationResult.Rejected.class);
      assertThat(((AuthenticationResult.Rejected) result).reason())
          .contains(testCase.wantRejection());
    }
  }

  private static Date at(Duration fromNow) {
    return Date.from(NOW.plus(fromNow));
  }

  private static String tamper(String token) {
    String[] parts = token.split("\\.");
    JWTClaimsSet original;
    try {
      original = SignedJWT.parse(token).getJWTClaimsSet();
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
    JWTClaimsSet changed = new JWTClaimsSet.Builder(original).claim("username", "admin").build();
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(changed.toString().getBytes(StandardCharsets.UTF_8));
    return parts[0] + "." + payload + "." + parts[2];
  }

  private static String hs256(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(new byte[32]));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
