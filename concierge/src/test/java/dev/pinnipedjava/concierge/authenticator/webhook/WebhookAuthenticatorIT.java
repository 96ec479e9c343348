package dev.pinnipedjava.concierge.authenticator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.concierge.clusterfixture.ClusterFixture;
import dev.pinnipedjava.concierge.clusterfixture.RunningConcierge;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.kubeconfig.Kubeconfig;
import dev.pinnipedjava.testkit.kubeconfig.KubeconfigCredential;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebhookAuthenticators against a real kube-apiserver: their status, and a TokenCredentialRequest
 * naming one that gives a client certificate the kube-apiserver accepts.
 */
@WithKubeControlPlane
class WebhookAuthenticatorIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOOD = "webhook-it";
  private static final String UNREACHABLE = "webhook-it-unreachable";
  private static final String TOKEN = "wendys-token";

  private static KubeControlPlane kube;
  private static RunningConcierge concierge;
  private static TestTokenReviewWebhook webhook;
  private static Path workDirectory;

  @BeforeAll
  static void start(KubeControlPlane controlPlane) throws IOException {
    kube = controlPlane;
    workDirectory = Files.createTempDirectory("webhook-it");
    webhook =
        TestTokenReviewWebhook.start(
            token ->
                token.equals(TOKEN)
                    ? Answer.authenticated("wendy", List.of("webhook-users", "testers"))
                    : Answer.unauthenticated("unknown token"));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    concierge = RunningConcierge.start(kube, RunningConcierge.signingWithClusterCa(kube), true);
    apply(GOOD, webhook.endpoint());
    apply(UNREACHABLE, "https://127.0.0.1:" + closedPort + "/authenticate");
  }

  @AfterAll
  static void stop() {
    if (kube != null) {
      for (String name : List.of(GOOD, UNREACHABLE)) {
        kube.adminClient()
            .genericKubernetesResources(
                "authentication.concierge.pinniped.dev/v1alpha1", "WebhookAuthenticator")
            .withName(name)
            .delete();
      }
    }
    if (concierge != null) {
      concierge.close();
    }
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  void aReachableWebhookIsReadyWithEveryCondition() {
    await("WebhookAuthenticator ready")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(status(GOOD).path("phase").asText()).isEqualTo("Ready"));

    List<String> trueConditions = new ArrayList<>();
    status(GOOD)
        .path("conditions")
        .forEach(
            condition -> {
              if (condition.path("status").asText().equals("True")) {
                trueConditions.add(condition.path("type").asText());
              }
            });
    assertThat(trueConditions)
        .containsExactly(
            "AuthenticatorValid",
            "EndpointURLValid",
            "Ready",
            "TLSConfigurationValid",
            "WebhookConnectionValid");
  }

  @Test
  void anUnreachableWebhookIsAnError() {
    await("WebhookAuthenticator in error")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(status(UNREACHABLE).path("phase").asText()).isEqualTo("Error"));

    JsonNode connection = condition(status(UNREACHABLE), "WebhookConnectionValid");
    assertThat(connection.path("status").asText()).isEqualTo("False");
    assertThat(connection.path("reason").asText()).isEqualTo("UnableToDialServer");
    assertThat(connection.path("message").asText()).startsWith("cannot dial server: ");
    assertThat(condition(status(UNREACHABLE), "AuthenticatorValid").path("status").asText())
        .isEqualTo("Unknown");
  }

  @Test
  void tokenCredentialRequestWithTheWebhookGivesACertificateTheKubeApiserverAccepts()
      throws IOException {
    await("WebhookAuthenticator ready")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(status(GOOD).path("phase").asText()).isEqualTo("Ready"));

    JsonNode credential =
        ClusterFixture.json(
                kube.kubectl(
                        kube.adminKubeconfig(),
                        tokenCredentialRequest(TOKEN),
                        List.of("create", "-f", "-", "-o", "json"))
                    .assertSuccess())
            .path("status")
            .path("credential");
    Path wendy =
        new Kubeconfig(
                kube.apiServerUrl(),
                kube.servingCaPem(),
                "wendy",
                new KubeconfigCredential.ClientCertificate(
                    credential.path("clientCertificateData").asText(),
                    credential.path("clientKeyData").asText()))
            .writeTo(workDirectory.resolve("wendy.yaml"));

    JsonNode user =
        ClusterFixture.json(kube.kubectl(wendy, "auth", "whoami", "-o", "json").assertSuccess())
            .path("status")
            .path("userInfo");
    assertThat(user.path("username").asText()).isEqualTo("wendy");
    List<String> groups = new ArrayList<>();
    user.path("groups").forEach(group -> groups.add(group.asText()));
    assertThat(groups).containsExactly("webhook-users", "testers", "system:authenticated");
  }

  @Test
  void aTokenTheWebhookRefusesGetsTheGenericFailure() {
    JsonNode response =
        ClusterFixture.json(
            kube.kubectl(
                    kube.adminKubeconfig(),
                    tokenCredentialRequest("someone-elses-token"),
                    List.of("create", "-f", "-", "-o", "json"))
                .assertSuccess());

    assertThat(response.path("status").toString())
        .isEqualTo("{\"message\":\"authentication failed\"}");
  }

  private static String tokenCredentialRequest(String token) {
    return ClusterFixture.tokenCredentialRequest(token, "WebhookAuthenticator", GOOD);
  }

  private static void apply(String name, String endpoint) {
    ClusterFixture.applyAuthenticator(
        kube.adminClient(),
        "WebhookAuthenticator",
        name,
        Map.of(
            "endpoint",
            endpoint,
            "tls",
            Map.of("certificateAuthorityData", webhook.caBundleBase64())));
  }

  private static JsonNode status(String name) {
    return ClusterFixture.json(
            kube.kubectl(kube.adminKubeconfig(), "get", "webhookauthenticators", name, "-o", "json")
                .assertSuccess())
        .path("status");
  }

  private static JsonNode condition(JsonNode status, String type) {
    for (JsonNode condition : status.path("conditions")) {
      if (condition.path("type").asText().equals(type)) {
        return condition;
      }
    }
    return JSON.createObjectNode();
  }
}
