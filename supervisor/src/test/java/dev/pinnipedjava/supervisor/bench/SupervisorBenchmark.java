package dev.pinnipedjava.supervisor.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.supervisor.testing.DexUpstream;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.supervisor.testing.IssuerTls;
import dev.pinnipedjava.supervisor.testing.SupervisorCrds;
import dev.pinnipedjava.supervisor.testing.TestFederationDomains;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneBinaries;
import dev.pinnipedjava.testkit.dex.DexConfig;
import dev.pinnipedjava.testkit.dex.DexServer;
import dev.pinnipedjava.testkit.dex.DexUser;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Measures the Supervisor, running in a JVM of its own against a real kube-apiserver and a real
 * Dex: logins with the CLI password flow, then refresh grants and RFC 8693 token exchanges, as fast
 * as some clients can and at a fixed 50 refreshes per second. Prints throughput, p50/p99 latency,
 * the Supervisor's CPU time per operation (from {@code /proc}) and the API writes per operation
 * (from the kube-apiserver's {@code apiserver_request_total}); then Keycloak's refresh grant, when
 * a Keycloak distribution is given.
 *
 * <p>{@code SupervisorBenchmark <users> <refreshes> <concurrency> [<keycloak home> <java home>]}
 */
public final class SupervisorBenchmark {
  private static final String NAMESPACE = "supervisor-bench";
  private static final String PASSWORD = "bench-password-123";
  private static final String CLI_REDIRECT = "http://127.0.0.1:12345/callback";
  private static final int PACED_RATE = 50;

  private final PrintStream out = System.out;
  private final Path runDirectory;
  private final int users;
  private final int refreshes;
  private final int concurrency;
  private @Nullable Http http;
  private String issuer = "";
  private AtomicReferenceArray<String> refreshTokens = new AtomicReferenceArray<>(0);
  private AtomicReferenceArray<String> accessTokens = new AtomicReferenceArray<>(0);
  private Object[] locks = new Object[0];

  private SupervisorBenchmark(Path runDirectory, int users, int refreshes, int concurrency) {
    this.runDirectory = runDirectory;
    this.users = users;
    this.refreshes = refreshes;
    this.concurrency = concurrency;
  }

  public static void main(String[] args) throws Exception {
    Path runDirectory = Path.of(System.getenv().getOrDefault("BENCH_RUN_DIR", "/tmp"));
    SupervisorBenchmark benchmark =
        new SupervisorBenchmark(
            runDirectory,
            Integer.parseInt(args[0]),
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]));
    ControlPlaneBinaries binaries =
        ControlPlaneBinaries.locate(System::getenv, Path.of("").toAbsolutePath(), System.err);
    try (KubeControlPlane kube =
        KubeControlPlane.start(
            binaries, Files.createTempDirectory(runDirectory, "control-plane"))) {
      benchmark.supervisor(kube);
    }
    if (args.length >= 5) {
      benchmark.keycloak(Path.of(args[3]), Path.of(args[4]));
    }
    // Client threads (Vert.x, the JDK's HTTP client) must not keep the benchmark running.
    System.exit(0);
  }

  private void supervisor(KubeControlPlane kube) throws Exception {
    try (KubernetesClient admin = kube.adminClient()) {
      supervisor(kube, admin);
    }
  }

  private void supervisor(KubeControlPlane kube, KubernetesClient admin) throws Exception {
    SupervisorCrds.install(admin);
    SupervisorCrds.createNamespace(admin, NAMESPACE);
    int port = LoopbackPorts.allocate(1).get(0);
    issuer = "https://127.0.0.1:" + port + "/bench";
    IssuerTls tls = IssuerTls.create("supervisor-bench-ca");
    admin.resource(tls.servingCertificateSecret(NAMESPACE)).create();
    DexConfig.Builder dexConfig = DexUpstream.config(issuer);
    for (int i = 0; i < users; i++) {
      dexConfig.user(DexUser.of("user" + i, PASSWORD));
    }
    try (DexServer dex = DexServer.start(dexConfig.build())) {
      configureUpstream(admin, dex);
      Path log = runDirectory.resolve("supervisor.log");
      Process supervisor =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-Xlog:disable",
                  "-Dorg.jboss.logging.provider=jdk",
                  "-Djava.util.logging.config.file="
                      + System.getProperty("java.util.logging.config.file", ""),
                  "-cp",
                  System.getProperty("java.class.path"),
                  SupervisorProcess.class.getName(),
                  kube.adminKubeconfig().toString(),
                  NAMESPACE,
                  Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        http = new Http(tls.httpClient());
        awaitServing();
        measure(admin, supervisor.toHandle());
      } finally {
        supervisor.getOutputStream().close();
        supervisor.destroy();
        supervisor.waitFor();
      }
    }
  }

  private void configureUpstream(KubernetesClient admin, DexServer dex) {
    admin.resource(DexUpstream.clientSecret(NAMESPACE)).create();
    admin
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("idp.supervisor.pinniped.dev/v1alpha1")
                .withKind("OIDCIdentityProvider")
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName("dex")
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", DexUpstream.identityProviderSpec(dex)))
                .build())
        .create();
    FederationDomain federationDomain =
        TestFederationDomains.federationDomain()
            .namespace(NAMESPACE)
            .name("bench")
            .issuer(issuer)
            .identityProvider("Dex", "OIDCIdentityProvider", "dex")
            .build();
    federationDomain.getMetadata().setUid(null);
    admin.resource(federationDomain).create();
  }

  private void awaitServing() {
    await("the issuer serving with Dex offered")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () ->
                http().get(issuer + "/v1alpha1/pinniped_identity_providers").body().contains("Dex")
                    && http().get(issuer + "/jwks.json").statusCode() == 200);
  }

  private void measure(KubernetesClient admin, ProcessHandle supervisor) throws Exception {
    ApiServerWrites writes = new ApiServerWrites(admin);
    refreshTokens = new AtomicReferenceArray<>(users);
    accessTokens = new AtomicReferenceArray<>(users);
    locks = new Object[users];
    for (int i = 0; i < users; i++) {
      locks[i] = new Object();
    }
    out.printf(
        "Supervisor (own JVM, pid %d), real kube-apiserver and Dex; %d users, %d clients%n",
        supervisor.pid(), users, concurrency);
    header();
    ApiServerWrites.Count before = writes.now();
    long cpuBefore = ProcessCpu.millis(supervisor);
    LatencySample logins = LoadRunner.closedLoop(this::login, users, concurrency);
    row("password login + code redeemed", logins, cpuBefore, supervisor, before, writes);

    // Warm-up: the JIT compiles the refresh path before it is measured.
    LoadRunner.closedLoop(this::refresh, Math.min(refreshes, 300), concurrency);
    before = writes.now();
    cpuBefore = ProcessCpu.millis(supervisor);
    LatencySample refreshed = LoadRunner.closedLoop(this::refresh, refreshes, concurrency);
    row(
        "refresh grant (upstream refresh at Dex)",
        refreshed,
        cpuBefore,
        supervisor,
        before,
        writes);

    int paced = Math.max(PACED_RATE * 10, Math.min(refreshes, PACED_RATE * 20));
    before = writes.now();
    cpuBefore = ProcessCpu.millis(supervisor);
    LatencySample atRate = LoadRunner.openLoop(this::refresh, paced, PACED_RATE);
    row("refresh grant at " + PACED_RATE + "/s", atRate, cpuBefore, supervisor, before, writes);

    before = writes.now();
    cpuBefore = ProcessCpu.millis(supervisor);
    LatencySample exchanged = LoadRunner.closedLoop(this::exchange, refreshes, concurrency);
    row("RFC 8693 token exchange", exchanged, cpuBefore, supervisor, before, writes);
    if (LoadRunner.lastError != null) {
      out.println("last error: " + LoadRunner.lastError);
      LoadRunner.lastError = null;
    }
  }

  private void keycloak(Path home, Path javaHome) throws Exception {
    out.println();
    out.printf(
        "Keycloak %s (start-dev, own JVM), %d users, %d clients%n", home, users, concurrency);
    try (KeycloakBench keycloak =
        KeycloakBench.start(home, javaHome, runDirectory.resolve("keycloak.log"))) {
      keycloak.setUp(users);
      header();
      LoadRunner.closedLoop(keycloak::refresh, Math.min(refreshes, 300), concurrency);
      long cpuBefore = ProcessCpu.millis(keycloak.handle());
      LatencySample refreshed = LoadRunner.closedLoop(keycloak::refresh, refreshes, concurrency);
      row("refresh grant", refreshed, cpuBefore, keycloak.handle(), null, null);
      int paced = Math.max(PACED_RATE * 10, Math.min(refreshes, PACED_RATE * 20));
      cpuBefore = ProcessCpu.millis(keycloak.handle());
      LatencySample atRate = LoadRunner.openLoop(keycloak::refresh, paced, PACED_RATE);
      row(
          "refresh grant at " + PACED_RATE + "/s",
          atRate,
          cpuBefore,
          keycloak.handle(),
          null,
          null);
    }
    if (LoadRunner.lastError != null) {
      out.println("last error: " + LoadRunner.lastError);
    }
  }

  private void header() {
    out.printf(
        "%-42s %7s %7s %8s %8s %9s %10s %10s%n",
        "operation", "count", "failed", "ops/s", "p50 ms", "p99 ms", "CPU ms/op", "writes/op");
  }

  private void row(
      String name,
      LatencySample sample,
      long cpuBefore,
      ProcessHandle process,
      ApiServerWrites.@Nullable Count writesBefore,
      @Nullable ApiServerWrites writes) {
    double cpuPerOp = (ProcessCpu.millis(process) - cpuBefore) / (double) sample.count();
    String writesPerOp = "-";
    if (writesBefore != null && writes != null) {
      ApiServerWrites.Count delta = writes.now().minus(writesBefore);
      writesPerOp =
          String.format(
              Locale.ROOT,
              "%.2f (%.2f all)",
              delta.secrets() / (double) sample.count(),
              delta.all() / (double) sample.count());
    }
    out.printf(
        Locale.ROOT,
        "%-42s %7d %7d %8.1f %8.1f %9.1f %10.2f %s%n",
        name,
        sample.count(),
        sample.failures(),
        sample.perSecond(),
        sample.percentileMillis(50),
        sample.percentileMillis(99),
        cpuPerOp,
        writesPerOp);
    out.flush();
  }

  private boolean login(int user) throws Exception {
    HttpResponse<String> authorize =
        http()
            .get(
                issuer
                    + "/oauth2/authorize?"
                    + IssuerHarness.encode(
                        IssuerHarness.with(
                            IssuerHarness.authorizeParameters(),
                            "redirect_uri",
                            CLI_REDIRECT,
                            "pinniped_idp_name",
                            "Dex")),
                "Pinniped-Username",
                "user" + user + "@example.com",
                "Pinniped-Password",
                PASSWORD);
    if (authorize.statusCode() != 302) {
      LoadRunner.lastError =
          "authorize: HTTP " + authorize.statusCode() + " " + Http.truncate(authorize.body());
      return false;
    }
    String code =
        IssuerHarness.required(
            IssuerHarness.query(authorize.headers().firstValue("Location").orElse("")), "code");
    JsonNode tokens =
        Http.ok(
            http()
                .postForm(
                    issuer + "/oauth2/token",
                    Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "client_id",
                        "pinniped-cli",
                        "redirect_uri",
                        CLI_REDIRECT,
                        "code_verifier",
                        IssuerHarness.VERIFIER.getValue())));
    refreshTokens.set(user, tokens.path("refresh_token").asText());
    accessTokens.set(user, tokens.path("access_token").asText());
    return true;
  }

  private boolean refresh(int i) throws Exception {
    int user = i % users;
    synchronized (locks[user]) {
      HttpResponse<String> response =
          http()
              .postForm(
                  issuer + "/oauth2/token",
                  Map.of(
                      "grant_type", "refresh_token",
                      "refresh_token", refreshTokens.get(user),
                      "client_id", "pinniped-cli"));
      if (response.statusCode() != 200) {
        LoadRunner.lastError =
            "refresh: HTTP " + response.statusCode() + " " + Http.truncate(response.body());
        return false;
      }
      JsonNode tokens = Http.JSON.readTree(response.body());
      refreshTokens.set(user, tokens.path("refresh_token").asText());
      accessTokens.set(user, tokens.path("access_token").asText());
      return true;
    }
  }

  private boolean exchange(int i) throws Exception {
    HttpResponse<String> response =
        http()
            .postForm(
                issuer + "/oauth2/token",
                Map.of(
                    "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                    "subject_token", accessTokens.get(i % users),
                    "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                    "requested_token_type", "urn:ietf:params:oauth:token-type:jwt",
                    "audience", "workload-cluster",
                    "client_id", "pinniped-cli"));
    if (response.statusCode() != 200) {
      LoadRunner.lastError =
          "exchange: HTTP " + response.statusCode() + " " + Http.truncate(response.body());
      return false;
    }
    return true;
  }

  private Http http() {
    Http client = http;
    if (client == null) {
      throw new IllegalStateException("no HTTP client yet");
    }
    return client;
  }
}
