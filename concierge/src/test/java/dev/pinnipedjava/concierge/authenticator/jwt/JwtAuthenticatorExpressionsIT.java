package dev.pinnipedjava.concierge.authenticator.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.concierge.clusterfixture.ClusterFixture;
import dev.pinnipedjava.concierge.clusterfixture.RunningConcierge;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.oidcissuer.TestOidcIssuer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JWTAuthenticator with CEL claim mappings and validation rules, stored through the real CRD and
 * used through the kube-apiserver: a TokenCredentialRequest made with {@code kubectl create} gives
 * a certificate whose subject carries the mapped identity, and a token that fails a rule gets the
 * same answer as any other refused token.
 */
@WithKubeControlPlane
class JwtAuthenticatorExpressionsIT {
  private static final String MAPPED = "cel-mapped";

  /**
   * Certificates carry neither a UID nor extras, so a TokenCredentialRequest refuses such users.
   */
  private static final String MAPPED_WITH_UID_AND_EXTRA = "cel-mapped-uid-extra";

  private static final String AUDIENCE = "cel-it";

  private static KubeControlPlane kube;
  private static RunningConcierge concierge;
  private static TestOidcIssuer issuer;

  @BeforeAll
  static void start(KubeControlPlane controlPlane) {
    kube = controlPlane;
    concierge = RunningConcierge.start(kube, RunningConcierge.signingWithClusterCa(kube), true);
    issuer = TestOidcIssuer.start("/jwt-expressions-it");
    applyAuthenticator(
        MAPPED,
        Map.of(
            "usernameExpression", "'oidc:' + claims.email",
            "groupsExpression", "claims.roles.map(r, 'role:' + r)"));
    applyAuthenticator(
        MAPPED_WITH_UID_AND_EXTRA,
        Map.of(
            "usernameExpression", "'oidc:' + claims.email",
            "groupsExpression", "claims.roles.map(r, 'role:' + r)",
            "uidExpression", "claims.sub",
            "extra", List.of(Map.of("key", "example.org/domain", "valueExpression", "claims.hd"))));
    await("JWTAuthenticators ready")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(phase(MAPPED)).isEqualTo("Ready");
              assertThat(phase(MAPPED_WITH_UID_AND_EXTRA)).isEqualTo("Ready");
            });
  }

  @AfterAll
  static void stop() {
    if (kube != null) {
      for (String name : List.of(MAPPED, MAPPED_WITH_UID_AND_EXTRA)) {
        kube.adminClient()
            .genericKubernetesResources(
                "authentication.concierge.pinniped.dev/v1alpha1", "JWTAuthenticator")
            .withName(name)
            .delete();
      }
    }
    if (concierge != null) {
      concierge.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  @Test
  void theCertificateSubjectCarriesTheMappedUsernameAndGroups() throws Exception {
    JsonNode credential =
        exchange(MAPPED, token("pat@example.com", "example.com", List.of("dev", "ops")))
            .path("status")
            .path("credential");

    X509Certificate certificate = certificate(credential.path("clientCertificateData").asText());
    assertThat(attributes(certificate, "CN")).containsExactly("oidc:pat@example.com");
    assertThat(attributes(certificate, "O")).containsExactlyInAnyOrder("role:dev", "role:ops");
    assertThat(credential.path("clientKeyData").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  /**
   * A token the authenticator verifies but the exchange refuses, and the reason only the audit log
   * may tell.
   */
  record RefusedToken(
      String name,
      String authenticator,
      String email,
      String domain,
      List<String> roles,
      String auditedReason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<RefusedToken> refusedTokens() {
    return Stream.of(
        new RefusedToken(
            "claim rule with a required value",
            MAPPED,
            "pat@example.com",
            "other.com",
            List.of("dev"),
            "claim \\\"hd\\\" does not have the required value"),
        new RefusedToken(
            "claim rule with an expression",
            MAPPED,
            "pat@example.com",
            "example.com",
            List.of(),
            "no roles"),
        new RefusedToken(
            "user rule",
            MAPPED,
            "eve@blocked.example",
            "example.com",
            List.of("dev", "ops"),
            "blocked domain"),
        new RefusedToken(
            "mapped UID and extra",
            MAPPED_WITH_UID_AND_EXTRA,
            "pat@example.com",
            "example.com",
            List.of("dev", "ops"),
            "UIDs are not supported"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void aRefusedTokenGetsTheGenericFailure(RefusedToken refused) {
    String token = token(refused.email(), refused.domain(), refused.roles());

    JsonNode response = exchange(refused.authenticator(), token);

    assertThat(response.path("status").toString())
        .isEqualTo("{\"message\":\"authentication failed\"}");
    assertThat(concierge.audit())
        .anySatisfy(line -> assertThat(line).contains(refused.auditedReason()));
    assertThat(String.join("\n", concierge.audit())).doesNotContain(token);
  }

  private static void applyAuthenticator(String name, Map<String, Object> claims) {
    ClusterFixture.applyAuthenticator(
        kube.adminClient(),
        "JWTAuthenticator",
        name,
        Map.of(
            "issuer",
            issuer.issuer(),
            "audience",
            AUDIENCE,
            "tls",
            Map.of("certificateAuthorityData", issuer.caBundleBase64()),
            "claims",
            claims,
            "claimValidationRules",
            List.of(
                Map.of("claim", "hd", "requiredValue", "example.com"),
                Map.of("expression", "claims.roles.size() > 0", "message", "no roles")),
            "userValidationRules",
            List.of(
                Map.of(
                    "expression",
                    "!user.username.endsWith('@blocked.example')",
                    "message",
                    "blocked domain"))));
  }

  private static JsonNode exchange(String authenticator, String token) {
    return ClusterFixture.json(
        kube.kubectl(
                kube.adminKubeconfig(),
                ClusterFixture.tokenCredentialRequest(token, "JWTAuthenticator", authenticator),
                List.of("create", "-f", "-", "-o", "json"))
            .assertSuccess());
  }

  private static String token(String email, String domain, List<String> roles) {
    Instant now = Instant.now();
    return issuer.sign(
        new JWTClaimsSet.Builder()
            .issuer(issuer.issuer())
            .audience(AUDIENCE)
            .subject("sub-" + email)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .claim("email", email)
            .claim("hd", domain)
            .claim("roles", roles)
            .build(),
        JWSAlgorithm.ES256);
  }

  private static String phase(String name) {
    return ClusterFixture.json(
            kube.kubectl(kube.adminKubeconfig(), "get", "jwtauthenticators", name, "-o", "json")
                .assertSuccess())
        .path("status")
        .path("phase")
        .asText();
  }

  private static X509Certificate certificate(String pem) throws CertificateException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static List<String> attributes(X509Certificate certificate, String type)
      throws InvalidNameException {
    List<String> values = new ArrayList<>();
    for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
      if (rdn.getType().equalsIgnoreCase(type)) {
        values.add(rdn.getValue().toString());
      }
    }
    return values;
  }
}
