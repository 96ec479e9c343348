package dev.pinnipedjava.serverimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pinnipedjava.concierge.kubecertagent.SigningKeyOutput;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.kubeconfig.Kubeconfig;
import dev.pinnipedjava.testkit.kubeconfig.KubeconfigCredential;
import dev.pinnipedjava.testkit.ldap.LdapServer;
import dev.pinnipedjava.testkit.ldap.LdapUser;
import dev.pinnipedjava.testkit.ldap.WithLdapServer;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import dev.pinnipedjava.testkit.loopback.LoopbackTls;
import dev.pinnipedjava.testkit.loopback.ProbeClient;
import dev.pinnipedjava.testkit.loopback.RunDirectory;
import dev.pinnipedjava.testkit.oidcissuer.TestOidcIssuer;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server image (target/pinniped-java-server.tar) as deploy/ runs it: unpacked layer by layer,
 * each app started with its Deployment's arguments, environment and resource limits, its
 * ConfigMap's config file, a downward-API podinfo and a service account token bound by deploy/'s
 * RBAC, against the real kube-apiserver, read-only and as the image's non-root user. Each app must
 * become healthy on its probe's port, lead, stay within its memory limit and do its job from the
 * image: the Supervisor serves an issuer's discovery and keys; the Concierge's APIServices become
 * available and a TokenCredentialRequest through the kube-apiserver gives a certificate that the
 * kube-apiserver accepts. The kube-cert-agent's program must print the signing key as the Concierge
 * reads it.
 */
@WithKubeControlPlane
@WithLdapServer
class ServerImageIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBHOOK_TOKEN = "a-token-the-webhook-knows";
  private static final String JWT_AUDIENCE = "image-cluster";
  private static final String FILE_SYSTEMS = "filesystems";
  private static final String LDAP_PASSWORD = "an-image-dev-password";
  private static final String CLI = System.getProperty("pinniped.cli");
  private static final Path DEPLOY =
      Path.of(System.getProperty("pinniped.repositoryRoot", "..")).resolve("deploy");
  private static final String IMAGE_NAME = System.getProperty("pinniped.imageName");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final HttpClient PROBES = ProbeClient.client();

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

  /** Removes the unpacked image and file systems (about 200 MB each); the logs stay. */
  @AfterAll
  static void removeTheFileSystems() throws IOException {
    for (String directory : List.of("image", FILE_SYSTEMS)) {
      Path tree = runDirectory.resolve(directory);
      if (Files.exists(tree)) {
        try (Stream<Path> paths = Files.walk(tree)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
    }
  }

  /** A fresh copy of the image's file system, named {@code name}. */
  private static Path unpack(String name) {
    return image.unpack(runDirectory.resolve(FILE_SYSTEMS).resolve(name));
  }

  @Test
  void theImageIsTheOneDeployNamesAndRunsAsANonRootUser() throws IOException {
    assertThat(image.tags()).containsExactly(IMAGE_NAME);
    assertThat(image.entrypoint()).containsExactly("/usr/local/bin/pinniped-java-server");
    assertThat(image.user()).isEqualTo("65532:65532");
    for (String app : List.of("concierge", "supervisor")) {
      assertThat(manifest(app).image()).as(app).isEqualTo(IMAGE_NAME);
    }
    assertThat(manifest("concierge").config().path("kubeCertAgent").path("image").asText())
        .isEqualTo(IMAGE_NAME);
  }

  @Test
  void theSupervisorRunsAsItsDeploymentRunsItAndLogsTheCliInWithADirectoryPassword(LdapServer ldap)
      throws Exception {
    String namespace = install("supervisor", "pinniped-supervisor");
    ldap.addGroup("image-devs", List.of(ldap.addUser(LdapUser.of("image-dev", LDAP_PASSWORD))));
    List<Integer> ports = LoopbackPorts.allocate(2);
    ObjectNode config = manifest("supervisor").config();
    ((ObjectNode) config.path("endpoints").path("https"))
        .put("address", LoopbackPorts.HOST + ":" + ports.get(0));
    config.put("aggregatedAPIServerBindAddress", LoopbackPorts.HOST);
    config.put("aggregatedAPIServerPort", ports.get(1));
    String issuer = "https://127.0.0.1:" + ports.get(0) + "/image-issuer";
    LoopbackTls issuerTls = LoopbackTls.create("image issuer");
    String tlsSecret = config.path("names").path("defaultTLSCertificateSecret").asText();
    apply(TestObjects.federationDomain(namespace, issuer, tlsSecret, issuerTls, ldap));

    try (Cgroup limits = limits("supervisor");
        Container supervisor =
            start("supervisor", namespace, "pinniped-supervisor", config, limits)) {
      awaitHealthy(supervisor, ports.get(0));
      awaitLeaseHeldBy(supervisor, namespace, "pinniped-supervisor", podName("supervisor"));
      // The leader generated the issuer's keys. Clients send no SNI for an IP address: the
      // default TLS certificate is served.
      HttpClient client =
          HttpClient.newBuilder().sslContext(LoopbackTls.trusting(issuerTls.caPem())).build();
      JsonNode discovery =
          awaitJson(supervisor, client, issuer + "/.well-known/openid-configuration");
      assertThat(discovery.path("issuer").asText()).isEqualTo(issuer);
      JsonNode keys = awaitJson(supervisor, client, discovery.path("jwks_uri").asText());
      assertThat(keys.path("keys").get(0).path("crv").asText()).isEqualTo("P-256");
      awaitJsonPath(
          supervisor,
          "ldapidentityprovider/" + TestObjects.LDAP_PROVIDER,
          namespace,
          "{.status.phase}",
          "Ready");

      // The real exec plugin: password flow, code redeemed, RFC 8693 exchange for a cluster.
      Path caBundle = Files.writeString(runDirectory.resolve("issuer-ca.pem"), issuerTls.caPem());
      Commands.Result login =
          Commands.run(
              List.of(
                  CLI,
                  "login",
                  "oidc",
                  "--issuer=" + issuer,
                  "--ca-bundle=" + caBundle,
                  "--upstream-identity-provider-name=" + TestObjects.LDAP_DISPLAY_NAME,
                  "--upstream-identity-provider-type=ldap",
                  "--upstream-identity-provider-flow=cli_password",
                  "--request-audience=" + JWT_AUDIENCE,
                  "--session-cache=" + runDirectory.resolve("sessions.yaml")),
              cliEnvironment(
                  Map.of("PINNIPED_USERNAME", "image-dev", "PINNIPED_PASSWORD", LDAP_PASSWORD)));
      assertThat(login.exitCode()).as(login.stderr() + "\n" + supervisor.logTail()).isZero();
      SignedJWT token =
          SignedJWT.parse(JSON.readTree(login.stdout()).path("status").path("token").asText());
      assertThat(
              token.verify(
                  new ECDSAVerifier(
                      JWKSet.parse(keys.toString())
                          .getKeyByKeyId(token.getHeader().getKeyID())
                          .toECKey())))
          .isTrue();
      JWTClaimsSet claims = token.getJWTClaimsSet();
      assertThat(claims.getIssuer()).isEqualTo(issuer);
      assertThat(claims.getAudience()).containsExactly(JWT_AUDIENCE);
      assertThat(claims.getStringClaim("username")).isEqualTo("image-dev@pinniped.dev");
      assertThat(claims.getStringListClaim("groups")).containsExactly("image-devs");
      assertWithinLimits("supervisor", supervisor, limits);
    }
    assertLeaseReleased(namespace, "pinniped-supervisor");
  }

  @Test
  void theConciergeRunsAsItsDeploymentRunsItAndExchangesTokensForCertificates() throws IOException {
    String namespace = install("concierge", "pinniped-concierge");
    kube.kubectl(
            kube.adminKubeconfig(),
            "apply",
            "-f",
            DEPLOY.resolve("concierge/credentialissuer.yaml").toString())
        .assertSuccess();
    List<Integer> ports = LoopbackPorts.allocate(2);
    ObjectNode config = manifest("concierge").config();
    config.put("aggregatedAPIServerBindAddress", LoopbackPorts.HOST);
    config.put("aggregatedAPIServerPort", ports.get(0));
    config.put("impersonationProxyServerPort", ports.get(1));
    // No kube-controller-manager pod runs here for the kube-cert-agent to read: the cluster's
    // client CA is given as files, as for a Concierge outside the cluster.
    config
        .putObject("clientCertificateSigner")
        .put("certificateFile", "/etc/signer/ca.crt")
        .put("privateKeyFile", "/etc/signer/ca.key");
    Map<String, String> signer =
        Map.of(
            "/etc/signer/ca.crt", kube.clientCa().certificatePem(),
            "/etc/signer/ca.key", kube.clientCa().privateKeyPem());
    apply(
        TestObjects.conciergeApiRoutedTo(
            manifest("concierge").directory().resolve("apiservice.yaml"), namespace, ports.get(0)));

    try (TestTokenReviewWebhook webhook =
            TestTokenReviewWebhook.start(
                token ->
                    token.equals(WEBHOOK_TOKEN)
                        ? Answer.authenticated("image-user", List.of("image-group"))
                        : Answer.unauthenticated("unknown token"));
        TestOidcIssuer oidcIssuer = TestOidcIssuer.start("/image-oidc");
        Cgroup limits = limits("concierge");
        Container concierge =
            start("concierge", namespace, "pinniped-concierge", config, signer, limits)) {
      awaitHealthy(concierge, ports.get(0));
      awaitLeaseHeldBy(concierge, namespace, "pinniped-concierge", podName("concierge"));
      // Written by the leader, through the roles deploy/ grants: the CredentialIssuer's status,
      // the APIServices' caBundle (without which they never become available), the
      // WebhookAuthenticator's status.
      awaitJsonPath(
          concierge,
          "credentialissuer/pinniped-concierge-config",
          "{.status.strategies[*].type}",
          "KubeClusterSigningCertificate");
      for (String apiService :
          List.of(
              "v1alpha1.login.concierge.pinniped.dev",
              "v1alpha1.identity.concierge.pinniped.dev")) {
        awaitJsonPath(
            concierge,
            "apiservice/" + apiService,
            "{.status.conditions[?(@.type==\"Available\")].status}",
            "True");
      }
      apply(TestObjects.webhookAuthenticator(webhook));
      apply(TestObjects.jwtAuthenticator(oidcIssuer, JWT_AUDIENCE));
      for (String authenticator :
          List.of(
              "webhookauthenticator/" + TestObjects.WEBHOOK_AUTHENTICATOR,
              "jwtauthenticator/" + TestObjects.JWT_AUTHENTICATOR)) {
        awaitJsonPath(concierge, authenticator, "{.status.phase}", "Ready");
      }

      JsonNode webhookUser =
          whoami(exchange(TestObjects.tokenCredentialRequest(WEBHOOK_TOKEN, "Webhook")));
      assertThat(webhookUser.path("username").asText()).isEqualTo("image-user");
      assertThat(webhookUser.path("groups").toString()).contains("\"image-group\"");
      // The JWTAuthenticator maps claims with CEL expressions, evaluated in the image's runtime.
      JsonNode jwtUser =
          whoami(exchange(TestObjects.tokenCredentialRequest(jwt(oidcIssuer), "JWT")));
      assertThat(jwtUser.path("username").asText()).isEqualTo("oidc:dev@example.com");
      assertThat(jwtUser.path("groups").toString()).contains("\"role:admins\"");
      assertThat(
              exchange(TestObjects.tokenCredentialRequest("not-a-known-token", "Webhook"))
                  .path("status")
                  .path("message")
                  .asText())
          .isEqualTo("authentication failed");
      assertWithinLimits("concierge", concierge, limits);
    }
    assertLeaseReleased(namespace, "pinniped-concierge");
  }

  @Test
  void theJavaRuntimeSeesTheLimitsOfTheDeployment() throws IOException {
    Path rootfs = unpack("limits");
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
                  limits,
                  List.of()));

      assertThat(settings.exitCode()).as(settings.stderr()).isZero();
      AppManifest supervisor = manifest("supervisor");
      assertThat(settings.stderr())
          .contains(
              "Memory Limit: " + (supervisor.memoryLimitBytes() >> 20) + ".00M",
              "Effective CPU Count: " + Math.max(1, supervisor.cpuLimitMillis() / 1000));
    }
  }

  @Test
  void theKubeCertAgentPrintsTheSigningKeyAsTheConciergeReadsIt() {
    Path rootfs = unpack("agent");
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
                null,
                List.of()));

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
                null,
                List.of()));
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stdout()).isEmpty();
  }

  @Test
  void theKubeCertAgentSleepsUntilStopped() {
    Path rootfs = unpack("agent-sleep");
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
                null,
                List.of()),
            runDirectory.resolve("kube-cert-agent.log"))) {
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(agent::isAlive);
    }
  }

  /** Applies the app's CRDs, namespace and RBAC from deploy/ and returns its namespace. */
  private static String install(String app, String namespace) {
    Path kubeconfig = kube.adminKubeconfig();
    Path crds = manifest(app).directory().resolve("crds");
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
      kube.kubectl(
              kubeconfig, "apply", "-f", manifest(app).directory().resolve(manifest).toString())
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
    return start(app, namespace, serviceAccount, config, Map.of(), limits);
  }

  private static Container start(
      String app,
      String namespace,
      String serviceAccount,
      ObjectNode config,
      Map<String, String> files,
      Cgroup limits)
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
    Path rootfs = unpack(app);
    AppManifest manifest = manifest(app);
    Pod pod =
        new Pod(rootfs, namespace, podName(app), Map.of("app", "pinniped-" + app))
            .serviceAccount(token, kube.servingCaPem())
            .mount(
                manifest.mounts(),
                Map.of(
                    manifest.configMapName(),
                    Map.of("pinniped.yaml", YAML.writeValueAsString(config))));
    files.forEach(pod::file);
    List<String> command = new ArrayList<>(image.entrypoint());
    command.addAll(manifest.arguments());
    return Container.start(
        app,
        new Container.Spec(
            rootfs,
            image.workingDirectory(),
            manifest.user(),
            pod.environment(image.environment(), manifest.environment(), kube.apiServerUrl()),
            command,
            Duration.ofSeconds(30),
            limits,
            pod.scratchDirectories()),
        runDirectory.resolve(app + ".log"));
  }

  /** A cgroup limited as the app's Deployment limits its container. */
  private static Cgroup limits(String app) {
    AppManifest manifest = manifest(app);
    return Cgroup.create(
        runDirectory.getFileName() + "-" + app,
        manifest.memoryLimitBytes(),
        manifest.cpuLimitMillis());
  }

  private static AppManifest manifest(String app) {
    return AppManifest.read(DEPLOY, app);
  }

  /** The app ran within its memory limit: the kernel killed nothing, and it still runs. */
  private static void assertWithinLimits(String app, Container container, Cgroup limits) {
    long limit = manifest(app).memoryLimitBytes();
    System.out.printf(
        "server-image: the %s's container peaked at %d MiB of its %d MiB memory limit%n",
        app, limits.peakMemoryBytes() >> 20, limit >> 20);
    assertThat(limits.oomKills()).as(container.logTail()).isZero();
    assertThat(container.isAlive()).as(container.logTail()).isTrue();
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

  /**
   * Stopped as the kubelet stops a pod (SIGTERM), the app gave up its Lease on the way out, so that
   * another replica leads at once rather than after the Lease expires.
   */
  private static void assertLeaseReleased(String namespace, String lease) {
    assertThat(jsonPath("lease/" + lease, namespace, "{.spec.holderIdentity}")).isEmpty();
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

  /** GETs {@code url} until it answers 200 with JSON (the certificate may not be served yet). */
  private static JsonNode awaitJson(Container container, HttpClient client, String url) {
    AtomicReference<JsonNode> body = new AtomicReference<>();
    await()
        .atMost(START_TIMEOUT)
        .ignoreExceptions()
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              HttpResponse<String> response =
                  client.send(
                      HttpRequest.newBuilder(URI.create(url))
                          .timeout(Duration.ofSeconds(5))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              assertThat(response.statusCode())
                  .as("%s%n%s", url, container.logTail())
                  .isEqualTo(200);
              body.set(JSON.readTree(response.body()));
            });
    return body.get();
  }

  /** A TokenCredentialRequest through the kube-apiserver, as the exec plugin makes it. */
  private static JsonNode exchange(String tokenCredentialRequest) throws IOException {
    return JSON.readTree(
        kube.kubectl(
                kube.adminKubeconfig(),
                tokenCredentialRequest,
                List.of("create", "-f", "-", "-o", "json"))
            .assertSuccess()
            .stdout());
  }

  /**
   * Who the kube-apiserver says the certificate of an answered TokenCredentialRequest belongs to
   * ({@code kubectl auth whoami}'s userInfo).
   */
  private static JsonNode whoami(JsonNode answered) throws IOException {
    JsonNode credential = answered.path("status").path("credential");
    assertThat(credential.path("clientCertificateData").asText())
        .as(answered.toString())
        .isNotEmpty();
    Path kubeconfig =
        new Kubeconfig(
                kube.apiServerUrl(),
                kube.servingCaPem(),
                "exchanged",
                new KubeconfigCredential.ClientCertificate(
                    credential.path("clientCertificateData").asText(),
                    credential.path("clientKeyData").asText()))
            .writeTo(Files.createTempFile(runDirectory, "exchanged-", ".kubeconfig"));
    return JSON.readTree(
            kube.kubectl(kubeconfig, "auth", "whoami", "-o", "json").assertSuccess().stdout())
        .path("status")
        .path("userInfo");
  }

  private static String jwt(TestOidcIssuer issuer) {
    Instant now = Instant.now();
    return issuer.sign(
        new JWTClaimsSet.Builder()
            .issuer(issuer.issuer())
            .audience(JWT_AUDIENCE)
            .subject("dev")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .claim("email", "dev@example.com")
            .claim("roles", List.of("admins"))
            .build(),
        JWSAlgorithm.ES256);
  }

  /** The CLI's environment: this JVM's PATH and JAVA_HOME, a home of its own, and {@code extra}. */
  private static Map<String, String> cliEnvironment(Map<String, String> extra) {
    Map<String, String> environment = new java.util.HashMap<>(extra);
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null) {
      environment.put("JAVA_HOME", javaHome);
    }
    environment.put("HOME", runDirectory.resolve("cli-home").toString());
    return environment;
  }

  private static void apply(String documents) {
    kube.kubectl(kube.adminKubeconfig(), documents, List.of("apply", "-f", "-")).assertSuccess();
  }

  private static void awaitJsonPath(
      Container container, String object, String path, String expected) {
    awaitJsonPath(container, object, null, path, expected);
  }

  private static void awaitJsonPath(
      Container container,
      String object,
      @Nullable String namespace,
      String path,
      String expected) {
    await()
        .atMost(START_TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(jsonPath(object, namespace, path))
                    .as("%s %s%n%s", object, path, container.logTail())
                    .contains(expected));
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
}
