package dev.pinnipedjava.concierge.issuerconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.concierge.clusterfixture.ClusterFixture;
import dev.pinnipedjava.concierge.clusterfixture.RunningConcierge;
import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.pki.Pem;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CredentialIssuer's status as the Concierge keeps it, against a real kube-apiserver, with the
 * Concierge running as its own service account.
 */
@WithKubeControlPlane
class CredentialIssuerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAME = "pinniped-concierge-config";
  private static final String CLUSTER_IP_SERVICE =
      "pinniped-concierge-impersonation-proxy-cluster-ip";
  private static final String LOAD_BALANCER_SERVICE =
      "pinniped-concierge-impersonation-proxy-load-balancer";
  private static final ResourceDefinitionContext CREDENTIAL_ISSUERS =
      new ResourceDefinitionContext.Builder()
          .withGroup("config.concierge.pinniped.dev")
          .withVersion("v1alpha1")
          .withKind("CredentialIssuer")
          .withPlural("credentialissuers")
          .withNamespaced(false)
          .build();

  private static KubeControlPlane kube;
  private static RunningConcierge concierge;
  private static int proxyPort;

  @BeforeAll
  static void start(KubeControlPlane controlPlane) throws IOException {
    kube = controlPlane;
    KubernetesClient admin = kube.adminClient();
    RunningConcierge.prepareCluster(kube);
    admin.configMaps().inNamespace("kube-public").withName("cluster-info").delete();
    admin.nodes().delete();
    replaceCredentialIssuer(Map.of("mode", "disabled"));
    Path directory = Files.createTempDirectory("credential-issuer-it");
    Path certificate =
        Files.writeString(directory.resolve("ca.crt"), kube.clientCa().certificatePem());
    Path key = Files.writeString(directory.resolve("ca.key"), kube.clientCa().privateKeyPem());
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      proxyPort = socket.getLocalPort();
    }
    concierge =
        RunningConcierge.start(
            kube,
            ConciergeConfig.defaults()
                .withListener("127.0.0.1", 0)
                .withClientCertificateSigner(new ConciergeConfig.SignerFiles(certificate, key))
                .withImpersonationProxy(
                    ConciergeConfig.ImpersonationProxy.DEFAULT.withPort(proxyPort)),
            false);
  }

  @AfterAll
  static void stop() {
    if (concierge != null) {
      concierge.close();
    }
    if (kube != null) {
      kube.adminClient().configMaps().inNamespace("kube-public").withName("cluster-info").delete();
      kube.adminClient().nodes().delete();
    }
  }

  @Test
  void kubeClusterSigningFollowsClusterInfo() {
    KubernetesClient admin = kube.adminClient();
    admin.configMaps().inNamespace("kube-public").withName("cluster-info").delete();
    awaitStrategy(
        "KubeClusterSigningCertificate",
        strategy -> {
          assertThat(strategy.path("status").asText()).isEqualTo("Error");
          assertThat(strategy.path("reason").asText()).isEqualTo("CouldNotGetClusterInfo");
          assertThat(strategy.path("message").asText())
              .isEqualTo(
                  "failed to get kube-public/cluster-info configmap: configmap \"cluster-info\""
                      + " not found");
        });

    String caData = ClusterFixture.putClusterInfo(kube);

    awaitStrategy(
        "KubeClusterSigningCertificate",
        strategy -> {
          assertThat(strategy.path("status").asText()).isEqualTo("Success");
          assertThat(strategy.path("reason").asText()).isEqualTo("FetchedKey");
          assertThat(strategy.path("message").asText()).isEqualTo("key was fetched successfully");
          JsonNode info = strategy.path("frontend").path("tokenCredentialRequestInfo");
          assertThat(strategy.path("frontend").path("type").asText())
              .isEqualTo("TokenCredentialRequestAPI");
          assertThat(info.path("server").asText()).isEqualTo(kube.apiServerUrl().toString());
          assertThat(info.path("certificateAuthorityData").asText()).isEqualTo(caData);
        });
  }

  @Test
  void disabledModeStopsTheProxy() {
    setProxySpec(Map.of("mode", "disabled"));

    awaitStrategy(
        "ImpersonationProxy",
        strategy -> {
          assertThat(strategy.path("status").asText()).isEqualTo("Error");
          assertThat(strategy.path("reason").asText()).isEqualTo("Disabled");
          assertThat(strategy.path("message").asText())
              .isEqualTo("impersonation proxy was explicitly disabled by configuration");
        });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> concierge.concierge().impersonationProxyPort().isEmpty());
  }

  @Test
  void aClusterIpServiceGivesTheEndpoint() throws Exception {
    setProxySpec(Map.of("mode", "enabled", "service", Map.of("type", "ClusterIP")));

    Service service =
        await("ClusterIP Service")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    kube.adminClient()
                        .services()
                        .inNamespace(ClusterFixture.NAMESPACE)
                        .withName(CLUSTER_IP_SERVICE)
                        .get(),
                found -> found != null);
    String clusterIp = service.getSpec().getClusterIP();
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(443);
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal())
        .isEqualTo(proxyPort);
    awaitStrategy(
        "ImpersonationProxy",
        strategy -> {
          assertThat(strategy.path("reason").asText()).isEqualTo("Listening");
          assertThat(
                  strategy
                      .path("frontend")
                      .path("impersonationProxyInfo")
                      .path("endpoint")
                      .asText())
              .isEqualTo("https://" + clusterIp);
        });

    Secret tls =
        kube.adminClient()
            .secrets()
            .inNamespace(ClusterFixture.NAMESPACE)
            .withName("pinniped-concierge-impersonation-proxy-tls-serving-certificate")
            .get();
    assertThat(tls.getType()).isEqualTo("kubernetes.io/tls");
    X509Certificate serving =
        Pem.decodeCertificate(decoded(Objects.requireNonNull(tls.getData().get("tls.crt"))));
    assertThat(serving.getSubjectAlternativeNames()).containsExactly(List.of(7, clusterIp));
    Secret ca =
        kube.adminClient()
            .secrets()
            .inNamespace(ClusterFixture.NAMESPACE)
            .withName("pinniped-concierge-impersonation-proxy-ca-certificate")
            .get();
    String advertised =
        decoded(
            strategy("ImpersonationProxy")
                .path("frontend")
                .path("impersonationProxyInfo")
                .path("certificateAuthorityData")
                .asText());
    assertThat(advertised).isEqualTo(decoded(Objects.requireNonNull(ca.getData().get("ca.crt"))));
    serving.verify(Pem.decodeCertificate(advertised).getPublicKey());
    assertThat(concierge.concierge().impersonationProxyPort()).hasValue(proxyPort);
  }

  @Test
  void aLoadBalancerIsPendingUntilItHasAnAddress() {
    setProxySpec(Map.of("mode", "enabled", "service", Map.of("type", "LoadBalancer")));

    awaitStrategy(
        "ImpersonationProxy",
        strategy -> {
          assertThat(strategy.path("reason").asText()).isEqualTo("Pending");
          assertThat(strategy.path("message").asText())
              .isEqualTo("waiting for load balancer Service to be assigned IP or hostname");
        });
    assertThat(
            kube.adminClient()
                .services()
                .inNamespace(ClusterFixture.NAMESPACE)
                .withName(CLUSTER_IP_SERVICE)
                .get())
        .isNull();

    kube.adminClient()
        .services()
        .inNamespace(ClusterFixture.NAMESPACE)
        .withName(LOAD_BALANCER_SERVICE)
        .editStatus(
            service -> {
              service
                  .getStatus()
                  .getLoadBalancer()
                  .setIngress(
                      List.of(new LoadBalancerIngressBuilder().withIp("203.0.113.10").build()));
              return service;
            });

    awaitStrategy(
        "ImpersonationProxy",
        strategy -> {
          assertThat(strategy.path("reason").asText()).isEqualTo("Listening");
          assertThat(
                  strategy
                      .path("frontend")
                      .path("impersonationProxyInfo")
                      .path("endpoint")
                      .asText())
              .isEqualTo("https://203.0.113.10");
        });
  }

  @Test
  void theStatusIsWrittenOnlyWhenItChanges() {
    setProxySpec(Map.of("mode", "disabled"));
    awaitStrategy(
        "ImpersonationProxy",
        strategy -> assertThat(strategy.path("reason").asText()).isEqualTo("Disabled"));
    String resourceVersion = credentialIssuer().getMetadata().getResourceVersion();
    String lastUpdate = strategy("ImpersonationProxy").path("lastUpdateTime").asText();

    // A change the controller reacts to but that alters no strategy.
    kube.adminClient()
        .genericKubernetesResources(CREDENTIAL_ISSUERS)
        .withName(NAME)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"touched\":\"" + System.nanoTime() + "\"}}}");
    String touchedVersion = credentialIssuer().getMetadata().getResourceVersion();

    await("no status write")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .until(() -> credentialIssuer().getMetadata().getResourceVersion().equals(touchedVersion));
    assertThat(touchedVersion).isNotEqualTo(resourceVersion);
    assertThat(strategy("ImpersonationProxy").path("lastUpdateTime").asText())
        .isEqualTo(lastUpdate);
  }

  @Test
  void autoModeDependsOnVisibleControlPlaneNodes() {
    KubernetesClient admin = kube.adminClient();
    admin.nodes().delete();
    setProxySpec(Map.of("mode", "auto", "externalEndpoint", "127.0.0.1:" + proxyPort));
    awaitStrategy(
        "ImpersonationProxy",
        strategy -> {
          assertThat(strategy.path("reason").asText()).isEqualTo("ErrorDuringSetup");
          assertThat(strategy.path("message").asText()).isEqualTo("no nodes found");
        });

    admin
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName("control-plane-1")
                .withLabels(Map.of("node-role.kubernetes.io/control-plane", ""))
                .endMetadata()
                .build())
        .create();
    setProxySpec(Map.of("mode", "auto", "externalEndpoint", "127.0.0.2:" + proxyPort));

    awaitStrategy(
        "ImpersonationProxy",
        strategy -> {
          assertThat(strategy.path("reason").asText()).isEqualTo("Disabled");
          assertThat(strategy.path("message").asText())
              .isEqualTo("automatically determined that impersonation proxy should be disabled");
        });
  }

  // --- helpers ---

  private interface StrategyCheck {
    void check(JsonNode strategy);
  }

  private static void awaitStrategy(String type, StrategyCheck check) {
    await(type + " strategy")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .untilAsserted(() -> check.check(strategy(type)));
  }

  private static JsonNode strategy(String type) {
    return ClusterFixture.credentialIssuerStrategy(kube.adminClient(), NAME, type);
  }

  private static GenericKubernetesResource credentialIssuer() {
    return kube.adminClient().genericKubernetesResources(CREDENTIAL_ISSUERS).withName(NAME).get();
  }

  private static void setProxySpec(Map<String, Object> proxySpec) {
    kube.adminClient()
        .genericKubernetesResources(CREDENTIAL_ISSUERS)
        .withName(NAME)
        .patch(
            PatchContext.of(PatchType.JSON),
            JSON.createArrayNode()
                .add(
                    JSON.createObjectNode()
                        .put("op", "replace")
                        .put("path", "/spec/impersonationProxy")
                        .set("value", JSON.valueToTree(proxySpec)))
                .toString());
  }

  private static void replaceCredentialIssuer(Map<String, Object> proxySpec) {
    KubernetesClient admin = kube.adminClient();
    admin.genericKubernetesResources(CREDENTIAL_ISSUERS).withName(NAME).delete();
    await("old CredentialIssuer gone")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin.genericKubernetesResources(CREDENTIAL_ISSUERS).withName(NAME).get() == null);
    ClusterFixture.serverSideApply(
        admin,
        JSON.valueToTree(
            Map.of(
                "apiVersion",
                "config.concierge.pinniped.dev/v1alpha1",
                "kind",
                "CredentialIssuer",
                "metadata",
                Map.of("name", NAME),
                "spec",
                Map.of("impersonationProxy", proxySpec))));
  }

  private static String decoded(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
