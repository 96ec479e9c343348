package dev.pinnipedjava.supervisor.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.supervisor.testing.SupervisorCrds;
import dev.pinnipedjava.supervisor.testing.TestFederationDomains;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneBinaries;
import dev.pinnipedjava.testkit.dex.DexClient;
import dev.pinnipedjava.testkit.dex.DexConfig;
import dev.pinnipedjava.testkit.dex.DexServer;
import dev.pinnipedjava.testkit.dex.DexUser;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
  private static final int WARM_UP_ROUND = 200;
  // The Supervisor's refresh path (TLS both ways, Netty, Jackson, Nimbus, fabric8) needs about
  // 20000 refreshes on 2 cores before C2 stops compiling; 5000 left it 35% of the CPU.
  private static final int WARM_UP_ROUNDS = 150;
  private static final int JIT_SETTLED_PERCENT = 5;
  private static final int SETTLED_ROUNDS = 3;

  private final PrintStream out = System.out;
  private final Path runDirectory;
  private final int users;
  private final int refreshes;
  private final int concurrency;
  private @Nullable Http http;
  private @Nullable CertificateAuthority ca;
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
    CertificateAuthority ca = certificateAuthority();
    IssuedCertificate serving =
        ca.issueServingCertificate(
            "127.0.0.1", List.of(), List.of(InetAddress.getLoopbackAddress()), Duration.ofHours(4));
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName("pinniped-supervisor-default-tls-certificate")
                .endMetadata()
                .withType("kubernetes.io/tls")
                .withData(
                    Map.of(
                        "tls.crt", base64(serving.certificatePem()),
                        "tls.key", base64(serving.privateKeyPem())))
                .build())
        .create();
    DexConfig.Builder dexConfig =
        DexConfig.builder()
            .client(
                new DexClient(
                    "pinniped-supervisor",
                    "dex-client-secret-for-the-supervisor",
                    List.of(URI.create(issuer + "/callback"))));
    for (int i = 0; i < users; i++) {
      dexConfig.user(DexUser.of("user" + i, PASSWORD));
    }
    try (DexServer dex = DexServer.start(dexConfig.build())) {
      configureUpstream(admin, dex);
      Path log = runDirectory.resolve("supervisor.log");
      Process supervisor =
          new ProcessBuilder(supervisorCommand(kube, port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        http = new Http(httpClient(ca));
        awaitServing();
        measure(admin, supervisor.toHandle());
      } finally {
        supervisor.getOutputStream().close();
        supervisor.destroy();
        supervisor.waitFor();
      }
    }
  }

  /**
   * The Supervisor's JVM: this one's java, or {@code BENCH_SUPERVISOR_JAVA_HOME}'s; extra options
   * from {@code BENCH_SUPERVISOR_JAVA_OPTS} (space-separated); with {@code BENCH_JFR=<dir>}, a
   * Flight Recording of the whole run written to {@code <dir>/supervisor.jfr}.
   */
  private List<String> supervisorCommand(KubeControlPlane kube, int port) {
    List<String> command = new ArrayList<>();
    String javaHome = System.getenv("BENCH_SUPERVISOR_JAVA_HOME");
    command.add(
        javaHome == null || javaHome.isBlank()
            ? ProcessHandle.current().info().command().orElse("java")
            : Path.of(javaHome, "bin", "java").toString());
    command.add("-Xlog:disable");
    String options = System.getenv("BENCH_SUPERVISOR_JAVA_OPTS");
    if (options != null && !options.isBlank()) {
      command.addAll(List.of(options.trim().split("\\s+")));
    }
    String jfr = System.getenv("BENCH_JFR");
    if (jfr != null && !jfr.isBlank()) {
      command.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + Path.of(jfr).toAbsolutePath().resolve("supervisor.jfr"));
    }
    command.addAll(
        List.of(
            "-Dorg.jboss.logging.provider=jdk",
            "-Djava.util.logging.config.file="
                + System.getProperty("java.util.logging.config.file", ""),
            "-cp",
            System.getProperty("java.class.path"),
            SupervisorProcess.class.getName(),
            kube.adminKubeconfig().toString(),
            NAMESPACE,
            Integer.toString(port)));
    out.println("Supervisor JVM: " + String.join(" ", command.subList(0, command.indexOf("-cp"))));
    return command;
  }

  private CertificateAuthority certificateAuthority() throws GeneralSecurityException {
    CertificateAuthority existing = ca;
    if (existing != null) {
      return existing;
    }
    CertificateAuthority created =
        CertificateAuthority.create(
            "supervisor-bench-ca", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom());
    ca = created;
    return created;
  }

  private void configureUpstream(KubernetesClient admin, DexServer dex) {
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName("dex-client")
                .endMetadata()
                .withType("secrets.pinniped.dev/oidc-client")
                .withData(
                    Map.of(
                        "clientID", base64("pinniped-supervisor"),
                        "clientSecret", base64("dex-client-secret-for-the-supervisor")))
                .build())
        .create();
    GenericKubernetesResource identityProvider =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("idp.supervisor.pinniped.dev/v1alpha1")
            .withKind("OIDCIdentityProvider")
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName("dex")
            .endMetadata()
            .withAdditionalProperties(
                Map.of(
                    "spec",
                    Map.of(
                        "issuer", dex.issuer().toString(),
                        "tls", Map.of("certificateAuthorityData", base64(dex.caPem())),
                        "client", Map.of("secretName", "dex-client"),
                        "authorizationConfig", Map.of("allowPasswordGrant", true),
                        "claims", Map.of("username", "email"))))
            .build();
    admin.resource(identityProvider).create();
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
    warmUp(this::refresh, supervisor);
    before = writes.now();
    cpuBefore = ProcessCpu.millis(supervisor);
    Map<String, Long> threadsBefore = ProcessCpu.byThread(supervisor);
    LatencySample refreshed = LoadRunner.closedLoop(this::refresh, refreshes, concurrency);
    row(
        "refresh grant (upstream refresh at Dex)",
        refreshed,
        cpuBefore,
        supervisor,
        before,
        writes);
    if (System.getenv("BENCH_THREADS") != null) {
      threads(threadsBefore, ProcessCpu.byThread(supervisor), refreshed.count());
    }

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
        "Keycloak %s (start-dev, own JVM, %s), %d users, %d clients%n",
        home, javaHome, users, concurrency);
    CertificateAuthority ca = certificateAuthority();
    IssuedCertificate serving =
        ca.issueServingCertificate(
            "127.0.0.1", List.of(), List.of(InetAddress.getLoopbackAddress()), Duration.ofHours(4));
    try (KeycloakBench keycloak =
        KeycloakBench.start(home, javaHome, serving, httpClient(ca), runDirectory)) {
      keycloak.setUp(users);
      header();
      // Both warmed up first: the JIT compiles the paths both share before either is measured.
      Map<Boolean, KeycloakBench.Refreshes> logins = new LinkedHashMap<>();
      for (boolean https : new boolean[] {true, false}) {
        KeycloakBench.Refreshes refreshes = keycloak.loggedIn(https);
        warmUp(refreshes::refresh, keycloak.handle());
        logins.put(https, refreshes);
      }
      for (Map.Entry<Boolean, KeycloakBench.Refreshes> login : logins.entrySet()) {
        String scheme = login.getKey() ? "HTTPS" : "HTTP (reference)";
        KeycloakBench.Refreshes refreshes = login.getValue();
        long cpuBefore = ProcessCpu.millis(keycloak.handle());
        LatencySample refreshed =
            LoadRunner.closedLoop(refreshes::refresh, this.refreshes, concurrency);
        row("refresh grant, " + scheme, refreshed, cpuBefore, keycloak.handle(), null, null);
        int paced = Math.max(PACED_RATE * 10, Math.min(this.refreshes, PACED_RATE * 20));
        cpuBefore = ProcessCpu.millis(keycloak.handle());
        LatencySample atRate = LoadRunner.openLoop(refreshes::refresh, paced, PACED_RATE);
        row(
            "refresh grant at " + PACED_RATE + "/s, " + scheme,
            atRate,
            cpuBefore,
            keycloak.handle(),
            null,
            null);
      }
    }
    if (LoadRunner.lastError != null) {
      out.println("last error: " + LoadRunner.lastError);
    }
  }

  /**
   * Refreshes before the measured ones, for the Supervisor and Keycloak alike, until the JIT
   * compilers settle: in rounds of {@value #WARM_UP_ROUND}, until {@value #SETTLED_ROUNDS} rounds
   * in a row (after the first) where they take under {@value #JIT_SETTLED_PERCENT}% of the server's
   * CPU, at most {@value #WARM_UP_ROUNDS} rounds; or exactly {@code BENCH_WARMUP} refreshes when
   * set. Figures taken while the compilers still work measure the JIT, not the server.
   */
  private void warmUp(LoadRunner.Operation refresh, ProcessHandle server) throws Exception {
    String configured = System.getenv("BENCH_WARMUP");
    if (configured != null && !configured.isBlank()) {
      LoadRunner.closedLoop(refresh, Integer.parseInt(configured.strip()), concurrency);
      return;
    }
    double jitPercent = 100;
    int round = 0;
    // Compilations come in bursts: one quiet round says little, three in a row do.
    int settledRounds = 0;
    while (round < WARM_UP_ROUNDS && settledRounds < SETTLED_ROUNDS) {
      Map<String, Long> before = ProcessCpu.byThread(server);
      LoadRunner.closedLoop(refresh, WARM_UP_ROUND, concurrency);
      Map<String, Long> after = ProcessCpu.byThread(server);
      long jit = 0;
      long all = 0;
      for (Map.Entry<String, Long> thread : after.entrySet()) {
        long used = thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        if (thread.getKey().startsWith("C1 Compiler")
            || thread.getKey().startsWith("C2 Compiler")) {
          jit += used;
        }
        if (!thread.getKey().equals(ProcessCpu.KERNEL_TIME)) {
          all += used;
        }
      }
      jitPercent = all == 0 ? 0 : 100.0 * jit / all;
      round++;
      settledRounds = round > 1 && jitPercent < JIT_SETTLED_PERCENT ? settledRounds + 1 : 0;
    }
    out.printf(
        Locale.ROOT,
        "(warm-up: %d refreshes; JIT compilers at %.0f%% of the CPU in the last %d%s)%n",
        round * WARM_UP_ROUND,
        jitPercent,
        WARM_UP_ROUND,
        settledRounds < SETTLED_ROUNDS ? "; not settled, figures include compilation" : "");
  }

  /** The CPU of a phase by thread name, per operation. */
  private void threads(Map<String, Long> before, Map<String, Long> after, int operations) {
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                out.printf(
                    Locale.ROOT,
                    "    %-38s %10.2f CPU ms/op%n",
                    e.getKey(),
                    e.getValue() / (double) operations));
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

  private static HttpClient httpClient(CertificateAuthority ca)
      throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(context)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
