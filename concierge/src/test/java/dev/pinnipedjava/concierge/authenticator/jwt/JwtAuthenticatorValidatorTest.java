package dev.pinnipedjava.concierge.authenticator.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceKind;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticatorSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTClaimValidationRule;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTTokenClaims;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.TLSSpec;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorValidation;
import dev.pinnipedjava.concierge.authenticator.CaBundleSources;
import dev.pinnipedjava.concierge.authenticator.StatusConditions.Computed;
import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.testkit.oidcissuer.TestOidcIssuer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JwtAuthenticatorValidatorTest {
  private static final String T = "True";
  private static final String F = "False";
  private static final String U = "Unknown";

  private static final String NAMESPACE = "concierge";

  private TestOidcIssuer issuer;
  private final InMemoryResourceCache<ConfigMap> configMaps = InMemoryResourceCache.create();
  private final JwtAuthenticatorValidator validator =
      new JwtAuthenticatorValidator(
          Clock.systemUTC(),
          new CaBundleSources(NAMESPACE, InMemoryResourceCache.create(), configMaps));

  @BeforeEach
  void startIssuer() {
    issuer = TestOidcIssuer.start("/validator");
    configMaps.put(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName("issuer-ca")
            .endMetadata()
            .addToData(
                "ca.crt",
                new String(
                    Base64.getDecoder().decode(issuer.caBundleBase64()), StandardCharsets.UTF_8))
            .build());
  }

  @AfterEach
  void stopIssuer() {
    issuer.close();
  }

  /**
   * A spec, how the issuer answers, and the wanted condition statuses in Pinniped's order (TLS,
   * issuer, discovery, JWKS URL, JWKS fetch, authenticator), the reason of the failing one, and
   * whether a retry is wanted.
   */
  record Case(
      String name,
      Function<TestOidcIssuer, JWTAuthenticatorSpec> spec,
      TestOidcIssuer.Discovery discovery,
      boolean jwksBroken,
      List<String> wantStatuses,
      String wantFailureReason,
      String wantFailureMessage,
      boolean wantRetry) {
    @Override
    public String toString() {
      return name;
    }
  }

  static JWTAuthenticatorSpec spec(TestOidcIssuer issuer) {
    return new JWTAuthenticatorSpec(
        issuer.issuer(), "aud", null, new TLSSpec(issuer.caBundleBase64(), null));
  }

  static JWTAuthenticatorSpec withIssuer(TestOidcIssuer issuer, String url) {
    return new JWTAuthenticatorSpec(url, "aud", null, new TLSSpec(issuer.caBundleBase64(), null));
  }

  static JWTAuthenticatorSpec withCel(
      TestOidcIssuer issuer, String usernameExpression, String claimRule) {
    return new JWTAuthenticatorSpec(
        issuer.issuer(),
        "aud",
        new JWTTokenClaims(null, null, usernameExpression, null, null, null, null),
        new TLSSpec(issuer.caBundleBase64(), null),
        List.of(new JWTClaimValidationRule(null, null, claimRule, null)),
        null);
  }

  static JWTAuthenticatorSpec withTls(TestOidcIssuer issuer, @Nullable TLSSpec tls) {
    return new JWTAuthenticatorSpec(issuer.issuer(), "aud", null, tls);
  }

  static Stream<Case> cases() {
    TestOidcIssuer.Discovery good = TestOidcIssuer.Discovery.GOOD;
    return Stream.of(
        new Case(
            "valid",
            JwtAuthenticatorValidatorTest::spec,
            good,
            false,
            List.of(T, T, T, T, T, T),
            "",
            "",
            false),
        new Case(
            "valid CEL rules and expressions",
            i -> withCel(i, "claims.sub", "claims.hd == 'example.com'"),
            good,
            false,
            List.of(T, T, T, T, T, T),
            "",
            "",
            false),
        new Case(
            "username expression that does not compile",
            i -> withCel(i, "claims.sub +", "true"),
            good,
            false,
            List.of(T, T, U, U, U, F),
            "InvalidClaimValidationRulesOrMappings",
            "spec.claims.usernameExpression: compilation failed",
            false),
        new Case(
            "claim rule of the wrong type",
            i -> withCel(i, "claims.sub", "size(claims)"),
            good,
            false,
            List.of(T, T, U, U, U, F),
            "InvalidClaimValidationRulesOrMappings",
            "spec.claimValidationRules[0].expression: must return bool, but returns int",
            false),
        new Case(
            "http issuer",
            i -> withIssuer(i, i.issuer().replace("https:", "http:")),
            good,
            false,
            List.of(T, F, U, U, U, U),
            "InvalidIssuerURLScheme",
            "has invalid scheme, require 'https'",
            false),
        new Case(
            "issuer with query",
            i -> withIssuer(i, i.issuer() + "?a=b"),
            good,
            false,
            List.of(T, F, U, U, U, U),
            "InvalidIssuerURLContainsQueryParams",
            "cannot include query params",
            false),
        new Case(
            "issuer with fragment",
            i -> withIssuer(i, i.issuer() + "#frag"),
            good,
            false,
            List.of(T, F, U, U, U, U),
            "InvalidIssuerURLContainsFragment",
            "cannot include fragment",
            false),
        new Case(
            "issuer with the discovery path",
            i -> withIssuer(i, i.issuer() + "/.well-known/openid-configuration"),
            good,
            false,
            List.of(T, F, U, U, U, U),
            "InvalidIssuerURLContainsWellKnownEndpoint",
            "cannot include path",
            false),
        new Case(
            "CA data not base64",
            i -> withTls(i, new TLSSpec("%%%", null)),
            good,
            false,
            List.of(F, T, U, U, U, U),
            "InvalidTLSConfig",
            "illegal base64 data",
            false),
        new Case(
            "CA data not PEM",
            i -> withTls(i, new TLSSpec("aGVsbG8=", null)),
            good,
            false,
            List.of(F, T, U, U, U, U),
            "InvalidTLSConfig",
            "no base64-encoded PEM certificates found",
            false),
        new Case(
            "CA from a ConfigMap",
            i ->
                withTls(
                    i,
                    new TLSSpec(
                        null,
                        new CertificateAuthorityDataSourceSpec(
                            CertificateAuthorityDataSourceKind.CONFIG_MAP, "issuer-ca", "ca.crt"))),
            good,
            false,
            List.of(T, T, T, T, T, T),
            "",
            "",
            false),
        new Case(
            "CA from a missing Secret",
            i ->
                withTls(
                    i,
                    new TLSSpec(
                        null,
                        new CertificateAuthorityDataSourceSpec(
                            CertificateAuthorityDataSourceKind.SECRET, "ca", "ca.crt"))),
            good,
            false,
            List.of(F, T, U, U, U, U),
            "InvalidTLSConfig",
            "spec.tls.certificateAuthorityDataSource is invalid: failed to get secret"
                + " \"concierge/ca\"",
            false),
        new Case(
            "issuer's CA not trusted",
            i -> withTls(i, null),
            good,
            false,
            List.of(T, T, F, U, U, U),
            "InvalidDiscoveryProbe",
            "could not perform oidc discovery",
            true),
        new Case(
            "discovery not found",
            JwtAuthenticatorValidatorTest::spec,
            TestOidcIssuer.Discovery.NOT_FOUND,
            false,
            List.of(T, T, F, U, U, U),
            "InvalidDiscoveryProbe",
            "could not perform oidc discovery",
            true),
        new Case(
            "discovery names another issuer",
            JwtAuthenticatorValidatorTest::spec,
            TestOidcIssuer.Discovery.WRONG_ISSUER,
            false,
            List.of(T, T, F, U, U, U),
            "InvalidDiscoveryProbe",
            "issuer did not match",
            true),
        new Case(
            "jwks_uri over http",
            JwtAuthenticatorValidatorTest::spec,
            TestOidcIssuer.Discovery.HTTP_JWKS_URI,
            false,
            List.of(T, T, T, F, U, U),
            "InvalidProviderJWKSURLScheme",
            "require 'https'",
            true),
        new Case(
            "JWKS fetch fails",
            JwtAuthenticatorValidatorTest::spec,
            good,
            true,
            List.of(T, T, T, T, F, U),
            "InvalidCouldNotFetchJWKS",
            "could not fetch keys",
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validate(Case testCase) {
    issuer.answerDiscovery(testCase.discovery());
    issuer.breakJwks(testCase.jwksBroken());

    AuthenticatorValidation<JwtTokenAuthenticator> validation =
        validator.validate(testCase.spec().apply(issuer), null);

    Map<String, Computed> byType = byType(validation.conditions());
    assertThat(
            List.of(
                    "TLSConfigurationValid",
                    "IssuerURLValid",
                    "DiscoveryURLValid",
                    "JWKSURLValid",
                    "JWKSFetchValid",
                    "AuthenticatorValid")
                .stream()
                .map(type -> status(byType.get(type)))
                .toList())
        .isEqualTo(testCase.wantStatuses());
    assertThat(validation.retry()).isEqualTo(testCase.wantRetry());
    if (testCase.wantFailureReason().isEmpty()) {
      assertThat(validation.authenticator()).isNotNull();
    } else {
      assertThat(validation.authenticator()).isNull();
      Computed failed =
          validation.conditions().stream()
              .filter(condition -> condition.status() == ConditionStatus.FALSE)
              .findFirst()
              .orElseThrow();
      assertThat(failed.reason()).isEqualTo(testCase.wantFailureReason());
      assertThat(failed.message()).contains(testCase.wantFailureMessage());
    }
  }

  @Test
  void validAuthenticatorVerifiesTokensWithKeysFetchedFromTheIssuer() {
    JwtTokenAuthenticator authenticator = validAuthenticator();

    AuthenticationResult result = authenticator.authenticate(token(JWSAlgorithm.ES256));

    assertThat(result).isInstanceOf(AuthenticationResult.Authenticated.class);
  }

  @Test
  void keyRotationAtTheIssuerIsPickedUpWhenATokenNamesAnUnknownKey() {
    JwtTokenAuthenticator authenticator = validAuthenticator();
    assertThat(authenticator.authenticate(token(JWSAlgorithm.RS256)))
        .isInstanceOf(AuthenticationResult.Authenticated.class);

    issuer.rotateRsaKey();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(authenticator.authenticate(token(JWSAlgorithm.RS256)))
                    .isInstanceOf(AuthenticationResult.Authenticated.class));
  }

  @Test
  void unchangedSpecReusesTheCachedVerifierWithoutCallingTheIssuer() {
    JwtTokenAuthenticator cached = validAuthenticator();
    issuer.answerDiscovery(TestOidcIssuer.Discovery.NOT_FOUND);

    AuthenticatorValidation<JwtTokenAuthenticator> again = validator.validate(spec(issuer), cached);

    assertThat(again.authenticator()).isSameAs(cached);
    assertThat(again.conditions())
        .allMatch(condition -> condition.status() == ConditionStatus.TRUE);
  }

  @Test
  void changedAudienceIsProbedAgain() {
    JwtTokenAuthenticator cached = validAuthenticator();
    JWTAuthenticatorSpec changed =
        new JWTAuthenticatorSpec(
            issuer.issuer(),
            "other-audience",
            new JWTTokenClaims("g", "u"),
            new TLSSpec(issuer.caBundleBase64(), null));

    AuthenticatorValidation<JwtTokenAuthenticator> again = validator.validate(changed, cached);

    JwtTokenAuthenticator reprobed = Objects.requireNonNull(again.authenticator());
    assertThat(reprobed).isNotSameAs(cached);
    assertThat(reprobed.settings())
        .isEqualTo(
            new JwtAuthenticatorSettings(
                issuer.issuer(), "other-audience", "u", "g", cached.settings().caBundle()));
  }

  private JwtTokenAuthenticator validAuthenticator() {
    JwtTokenAuthenticator authenticator = validator.validate(spec(issuer), null).authenticator();
    assertThat(authenticator).as("authenticator of a valid spec").isNotNull();
    return Objects.requireNonNull(authenticator);
  }

  private String token(JWSAlgorithm algorithm) {
    Instant now = Instant.now();
    return issuer.sign(
        new JWTClaimsSet.Builder()
            .issuer(issuer.issuer())
            .audience("aud")
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("username", "pat")
            .build(),
        algorithm);
  }

  private static Map<String, Computed> byType(List<Computed> conditions) {
    Map<String, Computed> byType = new LinkedHashMap<>();
    conditions.forEach(condition -> byType.put(condition.type(), condition));
    return byType;
  }

  private static String status(@Nullable Computed condition) {
    if (condition == null) {
      return "missing";
    }
    return switch (condition.status()) {
      case TRUE -> T;
      case FALSE -> F;
      case UNKNOWN -> U;
    };
  }
}
