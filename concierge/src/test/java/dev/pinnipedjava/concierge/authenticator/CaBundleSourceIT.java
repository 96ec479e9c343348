package dev.pinnipedjava.concierge.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.concierge.clusterfixture.ClusterFixture;
import dev.pinnipedjava.concierge.clusterfixture.RunningConcierge;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.oidcissuer.TestOidcIssuer;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook.Answer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authenticators whose CA bundle is in a ConfigMap or Secret of the Concierge's namespace, with the
 * Concierge running under the RBAC of the manifests: a changed bundle is followed without a change
 * to the authenticator.
 */
@WithKubeControlPlane
class CaBundleSourceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GROUP = "authentication.concierge.pinniped.dev";
  private static final String JWT = "ca-from-configmap";
  private static final String WEBHOOK = "ca-from-secret";
  private static final String WEBHOOK_TOKEN = "sams-token";

  private static KubeControlPlane kube;
  private static RunningConcierge concierge;
  private static TestOidcIssuer issuer;
  private static TestTokenReviewWebhook webhook;
  private static final String OTHER_CA_PEM =
      CertificateAuthority.create(
              "unrelated CA", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom())
          .certificatePem();

  @BeforeAll
  static void start(KubeControlPlane controlPlane) throws IOException {
    kube = controlPlane;
    issuer = TestOidcIssuer.start("/ca-bundle-source-it");
    webhook =
        TestTokenReviewWebhook.start(
            token ->
                token.equals(WEBHOOK_TOKEN)
                    ? Answer.authenticated("sam", List.of("webhook-users"))
                    : Answer.unauthenticated("unknown token"));
    concierge = RunningConcierge.start(kube, RunningConcierge.signingWithClusterCa(kube), true);
  }

  @AfterAll
  static void stop() {
    if (kube != null) {
      kube.adminClient()
          .genericKubernetesResources(GROUP + "/v1alpha1", "JWTAuthenticator")
          .withName(JWT)
          .delete();
      kube.adminClient()
          .genericKubernetesResources(GROUP + "/v1alpha1", "WebhookAuthenticator")
          .withName(WEBHOOK)
          .delete();
    }
    if (concierge != null) {
      concierge.close();
    }
    if (issuer != null) {
      issuer.close();
    }
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  void aJwtAuthenticatorFollowsTheCaBundleInItsConfigMap() {
    putConfigMap(OTHER_CA_PEM);
    apply(
        "JWTAuthenticator",
        JWT,
        Map.of(
            "issuer",
            issuer.issuer(),
            "audience",
            "ca-it",
            "tls",
            Map.of(
                "certificateAuthorityDataSource",
                Map.of("kind", "ConfigMap", "name", "issuer-ca", "key", "ca.crt"))));
    await("JWTAuthenticator in error: the bundle does not hold the issuer's CA")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(condition("jwtauthenticators", JWT, "DiscoveryURLValid"))
                    .isEqualTo("False"));
    assertThat(status("jwtauthenticators", JWT).path("phase").asText()).isEqualTo("Error");
    assertThat(message("jwtauthenticators", JWT, "TLSConfigurationValid"))
        .isEqualTo("spec.tls is valid: loaded TLS configuration");

    putConfigMap(pem(issuer.caBundleBase64()));
    await("JWTAuthenticator ready with the rotated bundle")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(status("jwtauthenticators", JWT).path("phase").asText())
                    .isEqualTo("Ready"));
    assertThat(exchange("JWTAuthenticator", JWT, jwt()).path("credential").isObject()).isTrue();

    putConfigMap(OTHER_CA_PEM);
    await("JWTAuthenticator withdrawn when the bundle changes to an unrelated CA")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(status("jwtauthenticators", JWT).path("phase").asText())
                    .isEqualTo("Error"));
    assertThat(exchange("JWTAuthenticator", JWT, jwt()).toString())
        .isEqualTo("{\"message\":\"authentication failed\"}");
  }

  @Test
  void aWebhookAuthenticatorReadsATlsSecretAndFailsWhenItIsDeleted() {
    kube.adminClient()
        .secrets()
        .inNamespace(ClusterFixture.NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("webhook-ca")
                .endMetadata()
                .withType("kubernetes.io/tls")
                .addToStringData("tls.crt", OTHER_CA_PEM)
                .addToStringData("tls.key", "unused by the authenticator")
                .addToStringData("ca.crt", pem(webhook.caBundleBase64()))
                .build())
        .serverSideApply();
    apply(
        "WebhookAuthenticator",
        WEBHOOK,
        Map.of(
            "endpoint",
            webhook.endpoint(),
            "tls",
            Map.of(
                "certificateAuthorityDataSource",
                Map.of("kind", "Secret", "name", "webhook-ca", "key", "ca.crt"))));
    await("WebhookAuthenticator ready")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(status("webhookauthenticators", WEBHOOK).path("phase").asText())
                    .isEqualTo("Ready"));
    assertThat(
            exchange("WebhookAuthenticator", WEBHOOK, WEBHOOK_TOKEN).path("credential").isObject())
        .isTrue();

    kube.adminClient()
        .secrets()
        .inNamespace(ClusterFixture.NAMESPACE)
        .withName("webhook-ca")
        .delete();
    await("WebhookAuthenticator in error once its Secret is gone")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(message("webhookauthenticators", WEBHOOK, "TLSConfigurationValid"))
                    .isEqualTo(
                        "spec.tls.certificateAuthorityDataSource is invalid: failed to get secret"
                            + " \"pinniped-concierge/webhook-ca\": secret \"webhook-ca\" not"
                            + " found"));
    assertThat(status("webhookauthenticators", WEBHOOK).path("phase").asText()).isEqualTo("Error");
    assertThat(exchange("WebhookAuthenticator", WEBHOOK, WEBHOOK_TOKEN).toString())
        .isEqualTo("{\"message\":\"authentication failed\"}");
  }

  private static void putConfigMap(String caPem) {
    kube.adminClient()
        .configMaps()
        .inNamespace(ClusterFixture.NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("issuer-ca")
                .endMetadata()
                .addToData("ca.crt", caPem)
                .build())
        .serverSideApply();
  }

  private static void apply(String kind, String name, Map<String, Object> spec) {
    ClusterFixture.applyAuthenticator(kube.adminClient(), kind, name, spec);
  }

  /** The status of a TokenCredentialRequest made through the real API server. */
  private static JsonNode exchange(String kind, String name, String token) {
    return ClusterFixture.json(
            kube.kubectl(
                    kube.adminKubeconfig(),
                    ClusterFixture.tokenCredentialRequest(token, kind, name),
                    List.of("create", "-f", "-", "-o", "json"))
                .assertSuccess())
        .path("status");
  }

  private static String jwt() {
    Instant now = Instant.now();
    return issuer.sign(
        new JWTClaimsSet.Builder()
            .issuer(issuer.issuer())
            .audience("ca-it")
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("username", "pat")
            .build(),
        JWSAlgorithm.RS256);
  }

  private static JsonNode status(String plural, String name) {
    return ClusterFixture.json(
            kube.kubectl(kube.adminKubeconfig(), "get", plural, name, "-o", "json").assertSuccess())
        .path("status");
  }

  private static String condition(String plural, String name, String type) {
    return conditionNode(plural, name, type).path("status").asText();
  }

  private static String message(String plural, String name, String type) {
    return conditionNode(plural, name, type).path("message").asText();
  }

  private static JsonNode conditionNode(String plural, String name, String type) {
    for (JsonNode condition : status(plural, name).path("conditions")) {
      if (condition.path("type").asText().equals(type)) {
        return condition;
      }
    }
    return JSON.createObjectNode();
  }

  private static String pem(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
