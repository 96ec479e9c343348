package dev.pinnipedjava.concierge.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorSettings;
import dev.pinnipedjava.concierge.authenticator.jwt.JwtTokenAuthenticator;
import dev.pinnipedjava.concierge.certissuer.CertificateAuthorityIssuer;
import dev.pinnipedjava.concierge.clusterfixture.ClusterFixture;
import dev.pinnipedjava.concierge.clusterfixture.RunningConcierge;
import dev.pinnipedjava.concierge.clusterfixture.TestTlsClients;
import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneBinaries;
import dev.pinnipedjava.testkit.oidcissuer.TestOidcIssuer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Measures the Concierge on a real control plane on loopback and prints the figures:
 *
 * <ul>
 *   <li>TokenCredentialRequest with a JWTAuthenticator, sent straight to the aggregated API and
 *       through the kube-apiserver, beside the raw cost of what it must do (one JWT verification
 *       and one certificate signing, in-process): the ratio is the Concierge's own overhead;
 *   <li>GET requests through the impersonation proxy beside the same requests sent straight to the
 *       kube-apiserver: added latency (one caller) and throughput (several callers).
 * </ul>
 *
 * Usage: {@code ConciergeBenchmark [requests] [concurrency]}, run from the concierge module's
 * directory (it applies {@code ../deploy/concierge}); see {@code hack/bench-concierge.sh}.
 */
public final class ConciergeBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUDIENCE = "bench";
  private static final String NAMESPACE = "bench";
  private static final String TCR_PATH =
      "/apis/login.concierge.pinniped.dev/v1alpha1/tokencredentialrequests";
  private static final String GET_PATH = "/api/v1/namespaces/" + NAMESPACE + "/configmaps/bench";
  private static final int ROUNDS = 4;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(2);

  /** The last unexpected answer, shown under the figures so that failures can be understood. */
  private static volatile @Nullable String lastFailure;

  private final PrintStream out;
  private final int requests;
  private final int concurrency;

  private ConciergeBenchmark(PrintStream out, int requests, int concurrency) {
    this.out = out;
    this.requests = requests;
    this.concurrency = concurrency;
  }

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path runDirectory =
        Path.of(System.getenv().getOrDefault("BENCH_RUN_DIR", "target/bench-concierge"))
            .toAbsolutePath();
    Files.createDirectories(runDirectory);
    ControlPlaneBinaries binaries =
        ControlPlaneBinaries.locate(System::getenv, Path.of("").toAbsolutePath(), System.err);
    KubeControlPlane kube =
        KubeControlPlane.start(binaries, Files.createTempDirectory(runDirectory, "control-plane"));
    try {
      new ConciergeBenchmark(System.out, requests, concurrency).run(kube, runDirectory);
    } finally {
      kube.stop();
    }
    System.exit(0);
  }

  private void run(KubeControlPlane kube, Path runDirectory) throws Exception {
    KubernetesClient admin = kube.adminClient();
    RunningConcierge.prepareCluster(kube);
    int proxyPort = freePort();
    setUpCredentialIssuer(admin, proxyPort);
    setUpReader(kube);
    Path signerCertificate =
        Files.writeString(runDirectory.resolve("client-ca.crt"), kube.clientCa().certificatePem());
    Path signerKey =
        Files.writeString(runDirectory.resolve("client-ca.key"), kube.clientCa().privateKeyPem());

    try (TestOidcIssuer issuer = TestOidcIssuer.start("/bench");
        RunningConcierge concierge =
            RunningConcierge.start(
                kube,
                ConciergeConfig.defaults()
                    .withListener("127.0.0.1", 0)
                    .withClientCertificateSigner(
                        new ConciergeConfig.SignerFiles(signerCertificate, signerKey))
                    .withImpersonationProxy(
                        ConciergeConfig.ImpersonationProxy.DEFAULT.withPort(proxyPort)),
                true)) {
      ClusterFixture.serverSideApply(
          admin,
          JSON.valueToTree(
              Map.of(
                  "apiVersion",
                  "authentication.concierge.pinniped.dev/v1alpha1",
                  "kind",
                  "JWTAuthenticator",
                  "metadata",
                  Map.of("name", "bench"),
                  "spec",
                  Map.of(
                      "issuer", issuer.issuer(),
                      "audience", AUDIENCE,
                      "tls", Map.of("certificateAuthorityData", issuer.caBundleBase64())))));
      String token = token(issuer);
      String proxyCa = awaitProxyCa(admin);
      out.printf(
          Locale.ROOT,
          "Concierge benchmark: kube-apiserver %s, %d cores, %d requests per row, %d concurrent"
              + " callers for throughput%n"
              + "(cpu columns, CPU ms per request: jvm, this JVM (the load client and the Concierge);"
              + " vert.x, its Vert.x threads (the Concierge's servers, the proxy among them);"
              + " kube, etcd and the kube-apiserver)%n%n",
          kube.version(),
          Runtime.getRuntime().availableProcessors(),
          requests,
          concurrency);
      if (!"proxy".equals(System.getenv("BENCH_ONLY"))) {
        tokenCredentialRequests(kube, concierge, issuer, token);
      }
      impersonationProxy(kube, proxyPort, proxyCa);
    }
  }

  private void tokenCredentialRequests(
      KubeControlPlane kube, RunningConcierge concierge, TestOidcIssuer issuer, String token)
      throws Exception {
    String body =
        "{\"apiVersion\":\"login.concierge.pinniped.dev/v1alpha1\",\"kind\":\"TokenCredentialRequest\","
            + "\"spec\":{\"token\":\""
            + token
            + "\",\"authenticator\":{\"apiGroup\":\"authentication.concierge.pinniped.dev\","
            + "\"kind\":\"JWTAuthenticator\",\"name\":\"bench\"}}}";
    HttpClient direct =
        client(TestTlsClients.context(concierge.concierge().caBundlePem(), null, null));
    // The kube-apiserver answers an anonymous HTTP/2 client with GOAWAY after a request (its
    // unauthenticated HTTP/2 DoS mitigation); anonymous callers use HTTP/1.1, as Pinniped's CLI
    // effectively does by retrying.
    HttpClient viaKube =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(TestTlsClients.context(kube.servingCaPem(), null, null))
            .build();
    URI directUri = URI.create("https://127.0.0.1:" + concierge.concierge().port() + TCR_PATH);
    URI kubeUri = kube.apiServerUrl().resolve(TCR_PATH);
    await("JWTAuthenticator ready")
        .atMost(Duration.ofSeconds(60))
        .until(() -> exchange(direct, directUri, body));

    JwtTokenAuthenticator verifier =
        new JwtTokenAuthenticator(
            new JwtAuthenticatorSettings(issuer.issuer(), AUDIENCE, "username", "groups", null),
            new ImmutableJWKSet<>(issuer.publicKeys()),
            Clock.systemUTC());
    CertificateAuthorityIssuer signer = new CertificateAuthorityIssuer(kube.clientCa());
    LoadRunner.Operation raw =
        () -> {
          AuthenticationResult result = verifier.authenticate(token);
          if (!(result instanceof AuthenticationResult.Authenticated authenticated)) {
            return false;
          }
          return signer
                  .issue(
                      authenticated.user().name(),
                      authenticated.user().groups(),
                      Duration.ofMinutes(5))
                  .certificate()
              != null;
        };
    LoadRunner.Operation directExchange = () -> exchange(direct, directUri, body);
    LoadRunner.Operation kubeExchange = () -> exchange(viaKube, kubeUri, body);
    warmUp(raw, directExchange, kubeExchange);

    LatencySample rawOne = LoadRunner.run(raw, requests, 1);
    LatencySample rawMany = LoadRunner.run(raw, requests, concurrency);
    LatencySample directOne = LatencySample.empty();
    LatencySample kubeOne = LatencySample.empty();
    for (int round = 0; round < ROUNDS; round++) {
      directOne = directOne.plus(LoadRunner.run(directExchange, requests / ROUNDS, 1));
      kubeOne = kubeOne.plus(LoadRunner.run(kubeExchange, requests / ROUNDS, 1));
    }
    LatencySample directMany = LoadRunner.run(directExchange, requests, concurrency);
    LatencySample kubeMany = LoadRunner.run(kubeExchange, requests, concurrency);

    out.println(
        "TokenCredentialRequest with a JWTAuthenticator (ES256 token, 5-minute certificate)");
    header();
    row("raw: verify JWT + sign certificate, 1 thread", rawOne);
    row("raw: verify JWT + sign certificate, " + concurrency + " threads", rawMany);
    row("direct to the aggregated API, 1 caller", directOne);
    row("direct to the aggregated API, " + concurrency + " callers", directMany);
    row("through the kube-apiserver, 1 caller", kubeOne);
    row("through the kube-apiserver, " + concurrency + " callers", kubeMany);
    out.printf(
        Locale.ROOT,
        "overhead, direct/raw: p50 %.2fx, throughput %.2fx of raw; kube-apiserver/raw: p50"
            + " %.2fx%n%n",
        directOne.percentileMillis(50) / rawOne.percentileMillis(50),
        directMany.perSecond() / rawMany.perSecond(),
        kubeOne.percentileMillis(50) / rawOne.percentileMillis(50));
    lastFailure();
  }

  private void impersonationProxy(KubeControlPlane kube, int proxyPort, String proxyCa)
      throws Exception {
    IssuedCertificate bench =
        kube.clientCa().issueClientCertificate("bench", List.of("benchers"), Duration.ofDays(1));
    HttpClient direct =
        client(
            TestTlsClients.context(
                kube.servingCaPem(), bench.certificatePem(), bench.privateKeyPem()));
    HttpClient proxied =
        client(TestTlsClients.context(proxyCa, bench.certificatePem(), bench.privateKeyPem()));
    URI directUri = kube.apiServerUrl().resolve(GET_PATH);
    URI proxyUri = URI.create("https://127.0.0.1:" + proxyPort + GET_PATH);
    // What the kube-apiserver does for a proxied request, without the proxy: the proxy's service
    // account impersonating the caller.
    HttpClient asProxy = client(TestTlsClients.context(kube.servingCaPem(), null, null));
    String proxyToken = serviceAccountToken(kube.adminClient());
    LoadRunner.Operation directGet = () -> get(direct, directUri, List.of());
    LoadRunner.Operation impersonatedGet =
        () ->
            get(
                asProxy,
                directUri,
                List.of(
                    Map.entry("Authorization", "Bearer " + proxyToken),
                    Map.entry("Impersonate-User", "bench"),
                    Map.entry("Impersonate-Group", "benchers"),
                    // The proxy forwards every group of the caller, this one included, and each
                    // costs the kube-apiserver an authorization check.
                    Map.entry("Impersonate-Group", "system:authenticated")));
    LoadRunner.Operation proxyGet = () -> get(proxied, proxyUri, List.of());
    await("proxy answers")
        .atMost(Duration.ofSeconds(60))
        .until(() -> get(proxied, proxyUri, List.of()));
    warmUp(directGet, impersonatedGet, proxyGet);

    LatencySample directOne = LatencySample.empty();
    LatencySample impersonatedOne = LatencySample.empty();
    LatencySample proxyOne = LatencySample.empty();
    for (int round = 0; round < ROUNDS; round++) {
      directOne = directOne.plus(LoadRunner.run(directGet, requests / ROUNDS, 1));
      impersonatedOne = impersonatedOne.plus(LoadRunner.run(impersonatedGet, requests / ROUNDS, 1));
      proxyOne = proxyOne.plus(LoadRunner.run(proxyGet, requests / ROUNDS, 1));
    }
    LatencySample directMany = LatencySample.empty();
    LatencySample impersonatedMany = LatencySample.empty();
    LatencySample proxyMany = LatencySample.empty();
    for (int round = 0; round < ROUNDS; round++) {
      directMany = directMany.plus(LoadRunner.run(directGet, requests / ROUNDS, concurrency));
      impersonatedMany =
          impersonatedMany.plus(LoadRunner.run(impersonatedGet, requests / ROUNDS, concurrency));
      proxyMany = proxyMany.plus(LoadRunner.run(proxyGet, requests / ROUNDS, concurrency));
    }

    out.println("GET of one ConfigMap as user \"bench\" (client certificate)");
    header();
    row("kube-apiserver directly, 1 caller", directOne);
    row("kube-apiserver, impersonated as the proxy asks, 1 caller", impersonatedOne);
    row("through the impersonation proxy, 1 caller", proxyOne);
    row("kube-apiserver directly, " + concurrency + " callers", directMany);
    row(
        "kube-apiserver, impersonated as the proxy asks, " + concurrency + " callers",
        impersonatedMany);
    row("through the impersonation proxy, " + concurrency + " callers", proxyMany);
    out.printf(
        Locale.ROOT,
        "proxy: p50 added %.2f ms (target <= 1 ms), p99 added %.2f ms, throughput %.0f%% of direct"
            + " (target >= 80%%)%n",
        proxyOne.percentileMillis(50) - directOne.percentileMillis(50),
        proxyOne.percentileMillis(99) - directOne.percentileMillis(99),
        100 * proxyMany.perSecond() / directMany.perSecond());
    // On a machine shared with other work, throughput varies with the neighbours' load; CPU per
    // request does much less, and on a CPU-bound machine capacity is its inverse.
    out.printf(
        Locale.ROOT,
        "proxy: CPU per request %.3f ms (of it %.3f ms in Vert.x threads) against %.3f ms direct,"
            + " %d callers: capacity %.0f%% of direct when CPU-bound%n",
        proxyMany.jvmCpuMillis() + proxyMany.controlPlaneCpuMillis(),
        proxyMany.vertxCpuMillis(),
        directMany.jvmCpuMillis() + directMany.controlPlaneCpuMillis(),
        concurrency,
        100
            * (directMany.jvmCpuMillis() + directMany.controlPlaneCpuMillis())
            / (proxyMany.jvmCpuMillis() + proxyMany.controlPlaneCpuMillis()));
    lastFailure();
  }

  /**
   * Runs the operations until the JIT compiler has settled: the load client, the Concierge and its
   * proxy share this JVM, so compilation still going on would charge the compiler's CPU to
   * whichever row runs while it lasts, and a long-running proxy has long finished compiling. The
   * warm-up ends after three rounds in a row in which compiling took less than a twentieth of the
   * round (compilations come in bursts: one quiet round says little), or after {@link
   * #WARM_UP_LIMIT}, reported then.
   */
  private void warmUp(LoadRunner.Operation... operations) throws Exception {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    Instant deadline = Instant.now().plus(WARM_UP_LIMIT);
    int quietRounds = 0;
    while (true) {
      long compilingBefore = compiler.getTotalCompilationTime();
      long before = System.nanoTime();
      for (LoadRunner.Operation operation : operations) {
        LoadRunner.run(operation, Math.max(200, requests / 4), concurrency);
      }
      double roundMillis = (System.nanoTime() - before) / 1_000_000.0;
      long compilingMillis = compiler.getTotalCompilationTime() - compilingBefore;
      quietRounds = compilingMillis < roundMillis / 20 ? quietRounds + 1 : 0;
      if (quietRounds == 3) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        out.printf(
            Locale.ROOT,
            "  (the JIT compiler had not settled after %d s of warm-up: %d ms compiling in the"
                + " last %.0f ms; figures include compilation)%n",
            WARM_UP_LIMIT.toSeconds(),
            compilingMillis,
            roundMillis);
        return;
      }
    }
  }

  private void lastFailure() {
    String failure = lastFailure;
    if (failure != null) {
      out.println("  last failed answer: " + failure);
      lastFailure = null;
    }
    String error = LoadRunner.lastError;
    if (error != null) {
      out.println("  last error: " + error);
      LoadRunner.lastError = null;
    }
  }

  private void header() {
    out.printf(
        Locale.ROOT,
        "  %-58s %10s %9s %9s %8s %9s %9s %9s%n",
        "",
        "per second",
        "p50 ms",
        "p99 ms",
        "failed",
        "jvm cpu",
        "vert.x",
        "kube cpu");
  }

  private void row(String name, LatencySample sample) {
    out.printf(
        Locale.ROOT,
        "  %-58s %10.0f %9.3f %9.3f %8d %9.3f %9.3f %9.3f%n",
        name,
        sample.perSecond(),
        sample.percentileMillis(50),
        sample.percentileMillis(99),
        sample.failures(),
        sample.jvmCpuMillis(),
        sample.vertxCpuMillis(),
        sample.controlPlaneCpuMillis());
  }

  private static boolean exchange(HttpClient client, URI uri, String body) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 201 && response.body().contains("\"clientCertificateData\"");
  }

  private static boolean get(HttpClient client, URI uri, List<Map.Entry<String, String>> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    headers.forEach(header -> request.header(header.getKey(), header.getValue()));
    HttpResponse<String> response =
        client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      lastFailure = uri.getPort() + " answered " + response.statusCode() + ": " + response.body();
    }
    return response.statusCode() == 200;
  }

  private static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder().sslContext(tls).build();
  }

  /** A token of the impersonation proxy's service account, as the proxy itself gets. */
  private static String serviceAccountToken(KubernetesClient admin) {
    return admin
        .serviceAccounts()
        .inNamespace(ClusterFixture.NAMESPACE)
        .withName("pinniped-concierge-impersonation-proxy")
        .tokenRequest(
            new io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder()
                .withNewSpec()
                .withExpirationSeconds(3600L)
                .endSpec()
                .build())
        .getStatus()
        .getToken();
  }

  private static String token(TestOidcIssuer issuer) {
    Instant now = Instant.now();
    return issuer.sign(
        new JWTClaimsSet.Builder()
            .issuer(issuer.issuer())
            .audience(AUDIENCE)
            .subject("bench")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
            .claim("username", "bench")
            .claim("groups", List.of("benchers"))
            .build(),
        JWSAlgorithm.ES256);
  }

  private static void setUpCredentialIssuer(KubernetesClient admin, int proxyPort) {
    admin
        .genericKubernetesResources("config.concierge.pinniped.dev/v1alpha1", "CredentialIssuer")
        .withName("pinniped-concierge-config")
        .delete();
    await("old CredentialIssuer gone")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin
                        .genericKubernetesResources(
                            "config.concierge.pinniped.dev/v1alpha1", "CredentialIssuer")
                        .withName("pinniped-concierge-config")
                        .get()
                    == null);
    ClusterFixture.serverSideApply(
        admin,
        JSON.valueToTree(
            Map.of(
                "apiVersion",
                "config.concierge.pinniped.dev/v1alpha1",
                "kind",
                "CredentialIssuer",
                "metadata",
                Map.of("name", "pinniped-concierge-config"),
                "spec",
                Map.of(
                    "impersonationProxy",
                    Map.of(
                        "mode",
                        "enabled",
                        "externalEndpoint",
                        "127.0.0.1:" + proxyPort,
                        "service",
                        Map.of("type", "None"))))));
  }

  /** User "bench" may read ConfigMaps in namespace "bench", which holds one. */
  private static void setUpReader(KubeControlPlane kube) {
    KubernetesClient admin = kube.adminClient();
    ClusterFixture.ensureNamespace(admin, NAMESPACE);
    admin
        .configMaps()
        .inNamespace(NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("bench")
                .endMetadata()
                .withData(Map.of("key", "value"))
                .build())
        .serverSideApply();
    ObjectNode role = JSON.createObjectNode();
    role.put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "Role");
    role.putObject("metadata").put("name", "bench-reader").put("namespace", NAMESPACE);
    ObjectNode rule = role.putArray("rules").addObject();
    rule.putArray("apiGroups").add("");
    rule.putArray("resources").add("configmaps");
    rule.putArray("verbs").add("get");
    ClusterFixture.serverSideApply(admin, role);
    ObjectNode binding = JSON.createObjectNode();
    binding.put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "RoleBinding");
    binding.putObject("metadata").put("name", "bench-reader").put("namespace", NAMESPACE);
    binding
        .putArray("subjects")
        .addObject()
        .put("kind", "User")
        .put("name", "bench")
        .put("apiGroup", "rbac.authorization.k8s.io");
    binding
        .putObject("roleRef")
        .put("kind", "Role")
        .put("name", "bench-reader")
        .put("apiGroup", "rbac.authorization.k8s.io");
    ClusterFixture.serverSideApply(admin, binding);
  }

  private static String awaitProxyCa(KubernetesClient admin) {
    return await("impersonation proxy listening")
        .atMost(Duration.ofSeconds(60))
        .until(() -> proxyCa(admin), ca -> ca != null);
  }

  private static @Nullable String proxyCa(KubernetesClient admin) {
    GenericKubernetesResource issuer =
        admin
            .genericKubernetesResources(
                "config.concierge.pinniped.dev/v1alpha1", "CredentialIssuer")
            .withName("pinniped-concierge-config")
            .get();
    JsonNode status = JSON.valueToTree(issuer.getAdditionalProperties().get("status"));
    for (JsonNode strategy : status.path("strategies")) {
      if (strategy.path("reason").asText().equals("Listening")) {
        return new String(
            Base64.getDecoder()
                .decode(
                    strategy
                        .path("frontend")
                        .path("impersonationProxyInfo")
                        .path("certificateAuthorityData")
                        .asText()),
            StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
