package dev.pinnipedjava.concierge.clusterfixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.concierge.server.Concierge;
import dev.pinnipedjava.testkit.KubeControlPlane;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Concierge started in-process against the test control plane as it is deployed: the CRDs and
 * RBAC of {@code deploy/concierge} applied, the Concierge running as its own service account (so
 * that a missing grant fails the test), its APIServices pointing at it and available.
 */
public final class RunningConcierge implements AutoCloseable {
  public static final List<String> API_SERVICES =
      List.of("v1alpha1.login.concierge.pinniped.dev", "v1alpha1.identity.concierge.pinniped.dev");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceDefinitionContext API_SERVICE =
      new ResourceDefinitionContext.Builder()
          .withGroup("apiregistration.k8s.io")
          .withVersion("v1")
          .withKind("APIService")
          .withPlural("apiservices")
          .withNamespaced(false)
          .build();

  private final KubeControlPlane kube;
  private final KubernetesClient conciergeClient;
  private final Vertx vertx;
  private final Concierge concierge;
  private final List<String> audit;

  private RunningConcierge(
      KubeControlPlane kube,
      KubernetesClient conciergeClient,
      Vertx vertx,
      Concierge concierge,
      List<String> audit) {
    this.kube = kube;
    this.conciergeClient = conciergeClient;
    this.vertx = vertx;
    this.concierge = concierge;
    this.audit = audit;
  }

  /** Applies the CRDs, namespace and RBAC of the manifests, the parts every Concierge needs. */
  public static void prepareCluster(KubeControlPlane kube) {
    KubernetesClient admin = kube.adminClient();
    for (String crd :
        List.of(
            "jwtauthenticators.authentication.concierge.pinniped.dev",
            "webhookauthenticators.authentication.concierge.pinniped.dev",
            "credentialissuers.config.concierge.pinniped.dev")) {
      ClusterFixture.apply(admin, ClusterFixture.DEPLOY.resolve("crds").resolve(crd + ".yaml"));
    }
    ClusterFixture.ensureNamespace(admin, ClusterFixture.NAMESPACE);
    ClusterFixture.apply(admin, ClusterFixture.DEPLOY.resolve("rbac.yaml"));
    await("CRDs established")
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                kube.kubectl(
                        kube.adminKubeconfig(), "get", "credentialissuers,webhookauthenticators")
                    .assertSuccess());
  }

  /**
   * Starts a Concierge with {@code config} as service account {@code pinniped-concierge}, then,
   * when {@code aggregated}, routes its APIServices to it and waits until they are available.
   */
  public static RunningConcierge start(
      KubeControlPlane kube, ConciergeConfig config, boolean aggregated) {
    prepareCluster(kube);
    KubernetesClient admin = kube.adminClient();
    // Kubernetes refuses loopback addresses in Endpoints; with aggregator routing off, the
    // kube-apiserver connects to an ExternalName Service's name and the APIService's port.
    admin
        .services()
        .inNamespace(ClusterFixture.NAMESPACE)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(config.apiServiceName())
                .endMetadata()
                .withNewSpec()
                .withType("ExternalName")
                .withExternalName("127.0.0.1")
                .endSpec()
                .build())
        .serverSideApply();
    KubernetesClient conciergeClient =
        ClusterFixture.serviceAccountClient(kube, ClusterFixture.NAMESPACE, "pinniped-concierge");
    Vertx vertx = Vertx.vertx();
    List<String> audit = new CopyOnWriteArrayList<>();
    Concierge concierge;
    try {
      concierge =
          Concierge.start(
              config,
              new Concierge.Environment(
                  conciergeClient, vertx, Clock.systemUTC(), new SecureRandom(), audit::add, "it"));
    } catch (RuntimeException e) {
      vertx.close();
      conciergeClient.close();
      throw e;
    }
    RunningConcierge running = new RunningConcierge(kube, conciergeClient, vertx, concierge, audit);
    if (aggregated) {
      ClusterFixture.apply(
          admin,
          ClusterFixture.DEPLOY.resolve("apiservice.yaml"),
          apiService -> pointAt(apiService, concierge.port()));
      await("APIServices available")
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                for (String name : API_SERVICES) {
                  assertThat(running.available(name)).as(name).isEqualTo("True");
                }
              });
    }
    return running;
  }

  /**
   * The Concierge's defaults on 127.0.0.1 at any port, signing client certificates with the control
   * plane's client CA (written to a new temporary directory), so that the kube-apiserver accepts
   * them.
   */
  public static ConciergeConfig signingWithClusterCa(KubeControlPlane kube) {
    try {
      Path directory = Files.createTempDirectory("concierge-signer");
      Path certificate =
          Files.writeString(directory.resolve("ca.crt"), kube.clientCa().certificatePem());
      Path key = Files.writeString(directory.resolve("ca.key"), kube.clientCa().privateKeyPem());
      return ConciergeConfig.defaults()
          .withListener("127.0.0.1", 0)
          .withClientCertificateSigner(new ConciergeConfig.SignerFiles(certificate, key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the client certificate signer's files", e);
    }
  }

  public Concierge concierge() {
    return concierge;
  }

  /** The audit lines written so far. */
  public List<String> audit() {
    return audit;
  }

  /** Stops the Concierge and removes its APIServices. */
  @Override
  public void close() {
    for (String name : API_SERVICES) {
      kube.adminClient().genericKubernetesResources(API_SERVICE).withName(name).delete();
    }
    concierge.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    conciergeClient.close();
  }

  /** The status of the Available condition of APIService {@code name}, or {@code missing}. */
  public String available(String name) {
    JsonNode apiService =
        JSON.valueToTree(
            kube.adminClient().genericKubernetesResources(API_SERVICE).withName(name).get());
    for (JsonNode condition : apiService.path("status").path("conditions")) {
      if (condition.path("type").asText().equals("Available")) {
        return condition.path("status").asText();
      }
    }
    return "missing";
  }

  private static ObjectNode pointAt(ObjectNode apiService, int port) {
    ((ObjectNode) apiService.path("spec").path("service")).put("port", port);
    return apiService;
  }
}
