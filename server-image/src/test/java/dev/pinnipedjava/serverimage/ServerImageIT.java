package dev.pinnipedjava.serverimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pinnipedjava.concierge.kubecertagent.SigningKeyOutput;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import dev.pinnipedjava.testkit.loopback.ProbeClient;
import dev.pinnipedjava.testkit.loopback.RunDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server image (target/pinniped-java-server.tar) as deploy/ runs it: unpacked layer by layer,
 * each app started with its Deployment's arguments and environment, its ConfigMap's config file, a
 * downward-API podinfo and a service account token bound by deploy/'s RBAC, against the real
 * kube-apiserver, read-only and as the image's non-root user. Each app must become healthy on its
 * probe's port and lead (a Lease held in its pod's name), so its in-cluster client, its RBAC and
 * its Java runtime all work; the kube-cert-agent's program must print the signing key as the
 * Concierge reads it.
 */
@WithKubeControlPlane
class ServerImageIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DEPLOY =
      Path.of(System.getProperty("pinniped.repositoryRoot", "..")).resolve("deploy");
  private static final String IMAGE_NAME = System.getProperty("pinniped.imageName");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final HttpClient PROBES = ProbeClient.client();
  private static final Map<String, Long> BINARY_SUFFIXES =
      Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30);

  private static KubeControlPlane kube;
  private static Path runDirectory;
  private static ImageArchive image;

  @BeforeAll
  static void unpackTheImage(KubeControlPlane controlPlane) {
    kube = controlPlane;
    runDirectory = RunDirectory.create("server-image");
    image =
        ImageArchive.open(
            Path.of(System.getProperty("pinniped.image")), runDirectory.resolve("image"));
  }

  @Test
  void theImageIsTheOneDeployNamesAndRunsAsANonRootUser() throws IOException {
    assertThat(image.tags()).containsExactly(IMAGE_NAME);
    assertThat(image.entrypoint()).containsExactly("/usr/local/bin/pinniped-java-server");
    assertThat(image.user()).isEqualTo("65532:65532");
    for (String app : List.of("concierge", "supervisor")) {
      assertThat(container(app).path("image").asText()).as(app).isEqualTo(IMAGE_NAME);
    }
    assertThat(appConfig("concierge").path("kubeCertAgent").path("image").asText())
        .isEqualTo(IMAGE_NAME);
  }

  @Test
  void theSupervisorRunsAsItsDeploymentRunsIt() throws IOException {
    String namespace = install("supervisor", "pinniped-supervisor");
    List<Integer> ports = LoopbackPorts.allocate(2);
    ObjectNode config = appConfig("supervisor");
    ((ObjectNode) config.path("endpoints").path("https"))
        .put("address", LoopbackPorts.HOST + ":" + ports.get(0));
    config.put("aggregatedAPIServerBindAddress", LoopbackPorts.HOST);
    config.put("aggregatedAPIServerPort", ports.get(1));

    try (Cgroup limits = limits("supervisor");
        Container supervisor =
            start("supervisor", namespace, "pinniped-supervisor", config, limits)) {
      awaitHealthy(supervisor, ports.get(0));
      awaitLeaseHeldBy(supervisor, namespace, "pinniped-supervisor", podName("supervisor"));
      assertWithinLimits("supervisor", supervisor, limits);
    }
  }

  @Test
  void theConciergeRunsAsItsDeploymentRunsIt() throws IOException {
    String namespace = install("concierge", "pinniped-concierge");
    kube.kubectl(
            kube.adminKubeconfig(),
            "apply",
            "-f",
            DEPLOY.resolve("concierge/credentialissuer.yaml").toString())
        .assertSuccess();
    List<Integer> ports = LoopbackPorts.allocate(2);
    ObjectNode config = appConfig("concierge");
    config.put("aggregatedAPIServerBindAddress", LoopbackPorts.HOST);
    config.put("aggregatedAPIServerPort", ports.get(0));
    config.put("impersonationProxyServerPort", ports.get(1));

    try (Cgroup limits = limits("concierge");
        Container concierge = start("concierge", namespace, "pinniped-concierge", config, limits)) {
      awaitHealthy(concierge, ports.get(0));
      awaitLeaseHeldBy(concierge, namespace, "pinniped-concierge", podName("concierge"));
      // Written by the leader, through the ClusterRole that deploy/ grants.
      await()
          .atMost(START_TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(
                          jsonPath(
                              "credentialissuer/pinniped-concierge-config",
                              null,
                              "{.status.strategies[*].type}"))
                      .as(concierge.logTail())
                      .contains("KubeClusterSigningCertificate"));
      assertWithinLimits("concierge", concierge, limits);
    }
  }

  @Test
  void theJavaRuntimeSeesTheLimitsOfTheDeployment() throws IOException {
    Path rootfs = image.unpack(runDirectory.resolve("limits"));
    try (Cgroup limits = limits("supervisor")) {
      Commands.Result settings =
          Container.run(
              new Container.Spec(
                  rootfs,
                  image.workingDirectory(),
                  "65532:65532",
                  image.environment(),
                  List.of("java", "-XshowSettings:system", "-version"),
                  Duration.ZERO,
                  limits));

      assertThat(settings.exitCode()).as(settings.stderr()).isZero();
      JsonNode resources = container("supervisor").path("resources").path("limits");
      assertThat(settings.stderr())
          .contains(
              "Memory Limit: " + (bytes(resources.path("memory").asText()) >> 20) + ".00M",
              "Effective CPU Count: " + Math.max(1, millis(resources.path("cpu").asText()) / 1000));
    }
  }

  @Test
  void theKubeCertAgentPrintsTheSigningKeyAsTheConciergeReadsIt() {
    Path rootfs = image.unpack(runDirectory.resolve("agent"));
    CertificateAuthority clusterCa = kube.clientCa();
    Pod pod =
        new Pod(rootfs, "pinniped-concierge", "pinniped-concierge-kube-cert-agent-0", Map.of())
            .file("/etc/kubernetes/pki/ca.crt", clusterCa.certificatePem())
            .file("/etc/kubernetes/pki/ca.key", clusterCa.privateKeyPem());
    List<String> environment = new ArrayList<>(image.environment());
    environment.add("CERT_PATH=/etc/kubernetes/pki/ca.crt");
    environment.add("KEY_PATH=/etc/kubernetes/pki/ca.key");

    // The agent's container runs as root, as AgentDeployment sets it.
    Commands.Result printed =
        Container.run(
            new Container.Spec(
                rootfs,
                image.workingDirectory(),
                "0:0",
                environment,
                List.of("pinniped-concierge-kube-cert-agent", "print"),
                Duration.ZERO,
                null));

    assertThat(printed.exitCode()).as(printed.stderr()).isZero();
    SigningKeyOutput key =
        SigningKeyOutput.parse(printed.stdout(), "pinniped-concierge/" + pod.name());
    assertThat(key.certificatePem()).isEqualTo(clusterCa.certificatePem());
    CertificateAuthority loaded =
        CertificateAuthority.load(
            key.certificatePem(), key.privateKeyPem(), Clock.systemUTC(), new SecureRandom());
    assertThat(loaded.certificate()).isEqualTo(clusterCa.certificate());

    Commands.Result missing =
        Container.run(
            new Container.Spec(
                rootfs,
                image.workingDirectory(),
                "0:0",
                List.of(
                    "PATH=/usr/local/bin:/bin", "CERT_PATH=/nonexistent", "KEY_PATH=/nonexistent"),
                List.of("pinniped-concierge-kube-cert-agent", "print"),
                Duration.ZERO,
                null));
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stdout()).isEmpty();
  }

  @Test
  void theKubeCertAgentSleepsUntilStopped() {
    Path rootfs = image.unpack(runDirectory.resolve("agent-sleep"));
    try (Container agent =
        Container.start(
            "kube-cert-agent",
            new Container.Spec(
                rootfs,
                image.workingDirectory(),
                "0:0",
                image.environment(),
                List.of("pinniped-concierge-kube-cert-agent", "sleep"),
                // The agent Deployment's terminationGracePeriodSeconds: a sleeping PID 1 ignores
                // SIGTERM.
                Duration.ZERO,
                null),
            runDirectory.resolve("kube-cert-agent.log"))) {
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(agent::isAlive);
    }
  }

  /** Applies the app's CRDs, namespace and RBAC from deploy/ and returns its namespace. */
  private static String install(String app, String namespace) {
    Path kubeconfig = kube.adminKubeconfig();
    Path crds = DEPLOY.resolve(app).resolve("crds");
    kube.kubectl(kubeconfig, "apply", "-f", crds.toString()).assertSuccess();
    kube.kubectl(
            kubeconfig,
            "wait",
            "--for=condition=Established",
            "--timeout=60s",
            "-f",
            crds.toString())
        .assertSuccess();
    for (String manifest : List.of("namespace.yaml", "rbac.yaml")) {
      kube.kubectl(kubeconfig, "apply", "-f", DEPLOY.resolve(app).resolve(manifest).toString())
          .assertSuccess();
    }
    return namespace;
  }

  /**
   * Starts the app's container from a fresh copy of the image, as the Deployment's pod: its
   * arguments, environment and mounts, authenticated as its service account.
   */
  private static Container start(
      String app, String namespace, String serviceAccount, ObjectNode config, Cgroup limits)
      throws IOException {
    String token =
        kube.kubectl(
                kube.adminKubeconfig(),
                "create",
                "token",
                serviceAccount,
                "-n",
                namespace,
                "--duration=1h")
            .assertSuccess()
            .stdout()
            .strip();
    Path rootfs = image.unpack(runDirectory.resolve(app));
    Pod pod =
        new Pod(
                rootfs,
                namespace,
                "pinniped-" + app + "-5d8f9c7b6-x2x7q",
                Map.of("app", "pinniped-" + app))
            .serviceAccount(token, kube.servingCaPem())
            .file("/etc/config/pinniped.yaml", YAML.writeValueAsString(config));
    JsonNode container = container(app);
    List<String> deploymentEnvironment = new ArrayList<>();
    container
        .path("env")
        .forEach(
            variable ->
                deploymentEnvironment.add(
                    variable.path("name").asText() + "=" + variable.path("value").asText()));
    List<String> command = new ArrayList<>(image.entrypoint());
    container.path("args").forEach(argument -> command.add(argument.asText()));
    String user =
        container.path("securityContext").path("runAsUser").asText("65532")
            + ":"
            + container.path("securityContext").path("runAsGroup").asText("65532");
    return Container.start(
        app,
        new Container.Spec(
            rootfs,
            image.workingDirectory(),
            user,
            pod.environment(image.environment(), deploymentEnvironment, kube.apiServerUrl()),
            command,
            Duration.ofSeconds(30),
            limits),
        runDirectory.resolve(app + ".log"));
  }

  /** A cgroup limited as the app's Deployment limits its container. */
  private static Cgroup limits(String app) throws IOException {
    JsonNode limits = container(app).path("resources").path("limits");
    return Cgroup.create(
        runDirectory.getFileName() + "-" + app,
        bytes(limits.path("memory").asText()),
        millis(limits.path("cpu").asText()));
  }

  /** The app ran within its memory limit: the kernel killed nothing, and it still runs. */
  private static void assertWithinLimits(String app, Container container, Cgroup limits)
      throws IOException {
    long limit = bytes(container(app).path("resources").path("limits").path("memory").asText());
    System.out.printf(
        "server-image: the %s's container peaked at %d MiB of its %d MiB memory limit%n",
        app, limits.peakMemoryBytes() >> 20, limit >> 20);
    assertThat(limits.oomKills()).as(container.logTail()).isZero();
    assertThat(container.isAlive()).as(container.logTail()).isTrue();
  }

  /** A Kubernetes memory quantity in bytes: binary suffixes, as deploy/ writes them. */
  private static long bytes(String quantity) {
    String suffix = quantity.length() > 2 ? quantity.substring(quantity.length() - 2) : "";
    Long unit = BINARY_SUFFIXES.get(suffix);
    return unit == null
        ? Long.parseLong(quantity)
        : Long.parseLong(quantity.substring(0, quantity.length() - 2)) * unit;
  }

  /** A Kubernetes CPU quantity in millicores. */
  private static long millis(String quantity) {
    return quantity.endsWith("m")
        ? Long.parseLong(quantity.substring(0, quantity.length() - 1))
        : Long.parseLong(quantity) * 1000;
  }

  private static String podName(String app) {
    return "pinniped-" + app + "-5d8f9c7b6-x2x7q";
  }

  private static void awaitHealthy(Container container, int port) {
    try {
      await()
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(500))
          .failFast("the container exited", () -> !container.isAlive())
          .until(() -> healthzStatus(port) == 200);
    } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
      throw new AssertionError(e.getMessage() + "\n" + container.logTail(), e);
    }
  }

  private static void awaitLeaseHeldBy(
      Container container, String namespace, String lease, String podName) {
    await()
        .atMost(START_TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(jsonPath("lease/" + lease, namespace, "{.spec.holderIdentity}"))
                    .as(container.logTail())
                    .startsWith(podName + "_"));
  }

  /** GET /healthz without verifying the certificate, as the kubelet's probes do; -1 if refused. */
  private static int healthzStatus(int port) {
    try {
      return PROBES
          .send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** A field of an object, "" while the object does not exist. */
  private static String jsonPath(String object, @Nullable String namespace, String path) {
    List<String> args = new ArrayList<>(List.of("get", object, "-o", "jsonpath=" + path));
    if (namespace != null) {
      args.addAll(List.of("-n", namespace));
    }
    args.add("--ignore-not-found");
    return kube.kubectl(kube.adminKubeconfig(), args.toArray(String[]::new)).stdout();
  }

  private static JsonNode container(String app) throws IOException {
    return YAML.readTree(DEPLOY.resolve(app).resolve("deployment.yaml").toFile())
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .get(0);
  }

  private static ObjectNode appConfig(String app) throws IOException {
    JsonNode configMap = YAML.readTree(DEPLOY.resolve(app).resolve("config.yaml").toFile());
    return (ObjectNode) YAML.readTree(configMap.path("data").path("pinniped.yaml").asText());
  }
}
