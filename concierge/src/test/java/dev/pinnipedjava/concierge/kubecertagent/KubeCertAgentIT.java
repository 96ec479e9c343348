package dev.pinnipedjava.concierge.kubecertagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.concierge.clusterfixture.ClusterFixture;
import dev.pinnipedjava.concierge.clusterfixture.RunningConcierge;
import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.concierge.fakekubelet.FakeKubelet;
import dev.pinnipedjava.concierge.fakekubelet.FakeKubelet.ExecAnswer;
import dev.pinnipedjava.concierge.fakekubelet.FakeNodes;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.kubeconfig.Kubeconfig;
import dev.pinnipedjava.testkit.kubeconfig.KubeconfigCredential;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook.Answer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kube-cert-agent against a real kube-apiserver, with the Concierge under the RBAC of the
 * manifests and a fake kubelet answering the agent's exec: from no kube-controller-manager, through
 * a failing exec and an unusable key, to a fetched key whose certificates the cluster accepts. The
 * control plane runs no controllers or scheduler, so the test plays their part: it creates the
 * kube-controller-manager pod and the agent pod the Deployment asks for, and marks them running.
 */
@WithKubeControlPlane
class KubeCertAgentIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NODE = "kube-cert-agent-it-node";
  private static final String CONTROLLER_MANAGER = "kube-controller-manager-it";
  private static final String AGENT_POD = "pinniped-concierge-kube-cert-agent-it";
  private static final String DEPLOYMENT = "pinniped-concierge-kube-cert-agent";
  private static final String AUTHENTICATOR = "kube-cert-agent-it";
  private static final String TOKEN = "agents-token";
  private static final String STRATEGY = "KubeClusterSigningCertificate";

  private static KubeControlPlane kube;
  private static KubernetesClient admin;
  private static FakeKubelet kubelet;
  private static TestTokenReviewWebhook webhook;
  private static RunningConcierge concierge;
  private static volatile ExecAnswer agentAnswer = new ExecAnswer.Failure(1, "not ready");

  @BeforeAll
  static void start(KubeControlPlane controlPlane) {
    kube = controlPlane;
    admin = kube.adminClient();
    kubelet =
        FakeKubelet.start(
            requestLine ->
                requestLine.contains("command=" + AgentDeployment.COMMAND)
                    ? agentAnswer
                    : new ExecAnswer.Cat());
    FakeNodes.register(admin, NODE, kubelet.port());
    ClusterFixture.putClusterInfo(kube);
    webhook =
        TestTokenReviewWebhook.start(
            token ->
                token.equals(TOKEN)
                    ? Answer.authenticated("agnes", List.of("agents"))
                    : Answer.unauthenticated("unknown token"));
    // No clientCertificateSigner: the cluster's signing key can only come from the agent.
    concierge =
        RunningConcierge.start(kube, ConciergeConfig.defaults().withListener("127.0.0.1", 0), true);
    ClusterFixture.applyAuthenticator(
        admin,
        "WebhookAuthenticator",
        AUTHENTICATOR,
        Map.of(
            "endpoint",
            webhook.endpoint(),
            "tls",
            Map.of("certificateAuthorityData", webhook.caBundleBase64())));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      // No kubelet confirms the end of these pods' containers: they go at once or never.
      admin
          .pods()
          .inNamespace("kube-system")
          .withName(CONTROLLER_MANAGER)
          .withGracePeriod(0)
          .delete();
      admin
          .pods()
          .inNamespace(ClusterFixture.NAMESPACE)
          .withName(AGENT_POD)
          .withGracePeriod(0)
          .delete();
      admin
          .apps()
          .deployments()
          .inNamespace(ClusterFixture.NAMESPACE)
          .withName(DEPLOYMENT)
          .delete();
      admin
          .genericKubernetesResources(
              "authentication.concierge.pinniped.dev/v1alpha1", "WebhookAuthenticator")
          .withName(AUTHENTICATOR)
          .delete();
      admin.configMaps().inNamespace("kube-public").withName("cluster-info").delete();
      admin.nodes().withName(NODE).delete();
    }
    if (concierge != null) {
      concierge.close();
    }
    if (webhook != null) {
      webhook.close();
    }
    if (kubelet != null) {
      kubelet.close();
    }
  }

  @Test
  void fetchesTheClusterSigningKeyThroughTheAgentPod() throws IOException {
    awaitStrategyMessage(
        message ->
            assertThat(message)
                .isEqualTo("could not find a healthy kube-controller-manager pod (0 candidates)"));

    createControllerManagerPod();
    Deployment deployment =
        await("agent Deployment")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    admin
                        .apps()
                        .deployments()
                        .inNamespace(ClusterFixture.NAMESPACE)
                        .withName(DEPLOYMENT)
                        .get(),
                found -> found != null);
    Container sleeper = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(sleeper.getName()).isEqualTo("sleeper");
    assertThat(sleeper.getCommand()).containsExactly(AgentDeployment.COMMAND, "sleep");
    assertThat(sleeper.getEnv())
        .extracting(env -> env.getName() + "=" + env.getValue())
        .containsExactly(
            "CERT_PATH=/etc/kubernetes/pki/ca.crt", "KEY_PATH=/etc/kubernetes/pki/ca.key");
    assertThat(sleeper.getVolumeMounts()).extracting("name").containsExactly("k8s-certs");
    assertThat(deployment.getSpec().getTemplate().getSpec().getNodeName()).isEqualTo(NODE);
    assertThat(deployment.getSpec().getTemplate().getSpec().getTolerations())
        .extracting("key")
        .contains("node-role.kubernetes.io/control-plane");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("kube-cert-agent.pinniped.dev", "v3")
        .doesNotContainKey("app");
    awaitStrategyMessage(
        message ->
            assertThat(message).isEqualTo("could not find a healthy agent pod (0 candidates)"));

    agentAnswer = new ExecAnswer.Failure(1, "cat: /etc/kubernetes/pki/ca.key: Permission denied");
    createAgentPod(deployment);
    awaitStrategyMessage(
        message ->
            assertThat(message)
                .startsWith(
                    "could not exec into agent pod " + ClusterFixture.NAMESPACE + "/" + AGENT_POD)
                .contains("command terminated with non-zero exit code"));
    assertThat(kubelet.upgradeRequests())
        .anySatisfy(
            request ->
                assertThat(request)
                    .contains("/exec/" + ClusterFixture.NAMESPACE + "/" + AGENT_POD + "/sleeper")
                    .contains("command=" + AgentDeployment.COMMAND + "&command=print"));

    agentAnswer = new ExecAnswer.Output(printed("not a certificate", "not a key"));
    touchAgentPod();
    awaitStrategyMessage(
        message ->
            assertThat(message)
                .startsWith(
                    "failed to set signing cert/key content from agent pod "
                        + ClusterFixture.NAMESPACE
                        + "/"
                        + AGENT_POD
                        + ": "));

    agentAnswer =
        new ExecAnswer.Output(
            printed(kube.clientCa().certificatePem(), kube.clientCa().privateKeyPem()));
    touchAgentPod();
    await("key fetched")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode strategy = strategy();
              assertThat(strategy.path("status").asText()).isEqualTo("Success");
              assertThat(strategy.path("reason").asText()).isEqualTo("FetchedKey");
              assertThat(strategy.path("message").asText())
                  .isEqualTo("key was fetched successfully");
            });

    JsonNode credential =
        ClusterFixture.json(
                kube.kubectl(
                        kube.adminKubeconfig(),
                        ClusterFixture.tokenCredentialRequest(
                            TOKEN, "WebhookAuthenticator", AUTHENTICATOR),
                        List.of("create", "-f", "-", "-o", "json"))
                    .assertSuccess())
            .path("status")
            .path("credential");
    Path agnes =
        new Kubeconfig(
                kube.apiServerUrl(),
                kube.servingCaPem(),
                "agnes",
                new KubeconfigCredential.ClientCertificate(
                    credential.path("clientCertificateData").asText(),
                    credential.path("clientKeyData").asText()))
            .writeTo(Files.createTempDirectory("kube-cert-agent-it").resolve("agnes.yaml"));
    JsonNode user =
        ClusterFixture.json(kube.kubectl(agnes, "auth", "whoami", "-o", "json").assertSuccess())
            .path("status")
            .path("userInfo");
    assertThat(user.path("username").asText()).isEqualTo("agnes");
  }

  private static void createControllerManagerPod() {
    admin
        .pods()
        .inNamespace("kube-system")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(CONTROLLER_MANAGER)
                .withLabels(Map.of("component", "kube-controller-manager", "tier", "control-plane"))
                .endMetadata()
                .withNewSpec()
                .withNodeName(NODE)
                .addNewContainer()
                .withName("kube-controller-manager")
                .withImage("registry.k8s.io/kube-controller-manager:v1.34.4")
                .withCommand(
                    "kube-controller-manager",
                    "--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt",
                    "--cluster-signing-key-file",
                    "/etc/kubernetes/pki/ca.key",
                    "--use-service-account-credentials=true")
                .addNewVolumeMount()
                .withName("k8s-certs")
                .withMountPath("/etc/kubernetes/pki")
                .withReadOnly(true)
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName("k8s-certs")
                .withNewHostPath()
                .withPath("/etc/kubernetes/pki")
                .withType("DirectoryOrCreate")
                .endHostPath()
                .endVolume()
                .addNewToleration()
                .withKey("node-role.kubernetes.io/control-plane")
                .withOperator("Exists")
                .withEffect("NoSchedule")
                .endToleration()
                .endSpec()
                .build())
        .create();
    FakeNodes.markRunning(admin, "kube-system", CONTROLLER_MANAGER);
  }

  /** What the Deployment controller and the scheduler would make of the Deployment. */
  private static void createAgentPod(Deployment deployment) {
    admin
        .pods()
        .inNamespace(ClusterFixture.NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(AGENT_POD)
                .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .endMetadata()
                .withSpec(deployment.getSpec().getTemplate().getSpec())
                .build())
        .create();
    FakeNodes.markRunning(admin, ClusterFixture.NAMESPACE, AGENT_POD);
  }

  /** A change the controller sees at once, so that it does not wait out its retry backoff. */
  private static void touchAgentPod() {
    admin
        .pods()
        .inNamespace(ClusterFixture.NAMESPACE)
        .withName(AGENT_POD)
        .edit(
            pod ->
                new PodBuilder(pod)
                    .editMetadata()
                    .addToAnnotations(
                        "kube-cert-agent-it/touched", String.valueOf(System.nanoTime()))
                    .endMetadata()
                    .build());
  }

  /** What {@code pinniped-concierge-kube-cert-agent print} writes. */
  private static String printed(String certificatePem, String keyPem) {
    return JSON.createObjectNode()
        .put("tls.crt", base64(certificatePem))
        .put("tls.key", base64(keyPem))
        .toString();
  }

  private static void awaitStrategyMessage(Consumer<String> check) {
    await(STRATEGY + " message")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode strategy = strategy();
              assertThat(strategy.path("status").asText()).isEqualTo("Error");
              assertThat(strategy.path("reason").asText()).isEqualTo("CouldNotFetchKey");
              check.accept(strategy.path("message").asText());
            });
  }

  private static JsonNode strategy() {
    return ClusterFixture.credentialIssuerStrategy(admin, "pinniped-concierge-config", STRATEGY);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
