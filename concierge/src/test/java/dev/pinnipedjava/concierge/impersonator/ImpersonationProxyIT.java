package dev.pinnipedjava.concierge.impersonator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.concierge.clusterfixture.ClusterFixture;
import dev.pinnipedjava.concierge.clusterfixture.RunningConcierge;
import dev.pinnipedjava.concierge.clusterfixture.TestTlsClients;
import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.concierge.fakekubelet.FakeKubelet;
import dev.pinnipedjava.concierge.fakekubelet.FakeNodes;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubectlResult;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.kubeconfig.Kubeconfig;
import dev.pinnipedjava.testkit.kubeconfig.KubeconfigCredential;
import dev.pinnipedjava.testkit.oidcissuer.TestOidcIssuer;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook.Answer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The impersonation proxy in front of a real kube-apiserver, on a cluster whose signing key the
 * Concierge cannot reach (no clientCertificateSigner): certificates from TokenCredentialRequests
 * are signed by the proxy's signer CA and work only through the proxy, where the kube-apiserver
 * sees the impersonated user and authorizes it with RBAC.
 */
@WithKubeControlPlane
class ImpersonationProxyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEST_NAMESPACE = "proxy-it";
  private static final String AUDIENCE = "proxy-it";
  private static final String JWT_AUTHENTICATOR = "proxy-it-jwt";
  private static final String WEBHOOK_AUTHENTICATOR = "proxy-it-webhook";
  private static final String WEBHOOK_TOKEN = "wendy-token";
  private static final String TOKEN_CREDENTIAL_REQUESTS =
      "/apis/login.concierge.pinniped.dev/v1alpha1/tokencredentialrequests";
  static final ResourceDefinitionContext CREDENTIAL_ISSUERS =
      new ResourceDefinitionContext.Builder()
          .withGroup("config.concierge.pinniped.dev")
          .withVersion("v1alpha1")
          .withKind("CredentialIssuer")
          .withPlural("credentialissuers")
          .withNamespaced(false)
          .build();

  private static final String NODE = "proxy-it-node";
  private static final String POD = "proxy-it-pod";

  private static KubeControlPlane kube;
  private static RunningConcierge concierge;
  private static FakeKubelet kubelet;
  private static TestOidcIssuer issuer;
  private static TestTokenReviewWebhook webhook;
  private static Path workDirectory;
  private static int proxyPort;
  private static String proxyCaPem;
  private static URI proxyUrl;

  @BeforeAll
  static void startConciergeWithProxy(KubeControlPlane controlPlane) throws IOException {
    kube = controlPlane;
    KubernetesClient admin = kube.adminClient();
    workDirectory = Files.createTempDirectory("proxy-it");
    RunningConcierge.prepareCluster(kube);
    proxyPort = freePort();
    replaceCredentialIssuer(
        admin,
        Map.of(
            "mode",
            "enabled",
            "externalEndpoint",
            "127.0.0.1:" + proxyPort,
            "service",
            Map.of("type", "None")));
    ClusterFixture.ensureNamespace(admin, TEST_NAMESPACE);
    grantConfigMapReader("pat");
    grantExec("pat");
    grantImpersonation("impersonator", "target-user");
    kubelet = FakeKubelet.start();
    registerNodeAndPod(admin, kubelet.port());

    issuer = TestOidcIssuer.start("/proxy-it");
    webhook =
        TestTokenReviewWebhook.start(
            token ->
                token.equals(WEBHOOK_TOKEN)
                    ? Answer.authenticated("wendy", List.of("webhook-users"))
                    : Answer.unauthenticated("unknown token"));
    ClusterFixture.serverSideApply(
        admin,
        JSON.valueToTree(
            Map.of(
                "apiVersion",
                "authentication.concierge.pinniped.dev/v1alpha1",
                "kind",
                "JWTAuthenticator",
                "metadata",
                Map.of("name", JWT_AUTHENTICATOR),
                "spec",
                Map.of(
                    "issuer", issuer.issuer(),
                    "audience", AUDIENCE,
                    "tls", Map.of("certificateAuthorityData", issuer.caBundleBase64())))));
    ClusterFixture.serverSideApply(
        admin,
        JSON.valueToTree(
            Map.of(
                "apiVersion",
                "authentication.concierge.pinniped.dev/v1alpha1",
                "kind",
                "WebhookAuthenticator",
                "metadata",
                Map.of("name", WEBHOOK_AUTHENTICATOR),
                "spec",
                Map.of(
                    "endpoint", webhook.endpoint(),
                    "tls", Map.of("certificateAuthorityData", webhook.caBundleBase64())))));

    concierge =
        RunningConcierge.start(
            kube,
            ConciergeConfig.defaults()
                .withListener("127.0.0.1", 0)
                .withImpersonationProxy(
                    ConciergeConfig.ImpersonationProxy.DEFAULT.withPort(proxyPort)),
            true);

    await("impersonation proxy listening")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(strategy("ImpersonationProxy").path("reason").asText())
                    .isEqualTo("Listening"));
    JsonNode info = strategy("ImpersonationProxy").path("frontend").path("impersonationProxyInfo");
    proxyUrl = URI.create(info.path("endpoint").asText());
    proxyCaPem =
        new String(
            Base64.getDecoder().decode(info.path("certificateAuthorityData").asText()),
            StandardCharsets.UTF_8);
    await("authenticators ready")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(authenticatorPhase("jwtauthenticators", JWT_AUTHENTICATOR))
                  .isEqualTo("Ready");
              assertThat(authenticatorPhase("webhookauthenticators", WEBHOOK_AUTHENTICATOR))
                  .isEqualTo("Ready");
            });
  }

  @AfterAll
  static void stop() {
    if (concierge != null) {
      concierge.close();
    }
    if (kube != null) {
      KubernetesClient admin = kube.adminClient();
      admin.namespaces().withName(TEST_NAMESPACE).delete();
      admin.nodes().withName(NODE).delete();
      admin
          .genericKubernetesResources(
              "authentication.concierge.pinniped.dev/v1alpha1", "JWTAuthenticator")
          .withName(JWT_AUTHENTICATOR)
          .delete();
      admin
          .genericKubernetesResources(
              "authentication.concierge.pinniped.dev/v1alpha1", "WebhookAuthenticator")
          .withName(WEBHOOK_AUTHENTICATOR)
          .delete();
      admin.rbac().clusterRoleBindings().withName("proxy-it-impersonator").delete();
      admin.rbac().clusterRoles().withName("proxy-it-impersonator").delete();
    }
    if (issuer != null) {
      issuer.close();
    }
    if (kubelet != null) {
      kubelet.close();
    }
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  void credentialIssuerTellsClientsToUseTheProxy() {
    JsonNode proxy = strategy("ImpersonationProxy");
    assertThat(proxy.path("status").asText()).isEqualTo("Success");
    assertThat(proxy.path("message").asText())
        .isEqualTo("impersonation proxy is ready to accept client connections");
    assertThat(proxy.path("frontend").path("type").asText()).isEqualTo("ImpersonationProxy");
    assertThat(proxyUrl).isEqualTo(URI.create("https://127.0.0.1:" + proxyPort));
    assertThat(proxyCaPem).contains("-----BEGIN CERTIFICATE-----");

    JsonNode kubeSigning = strategy("KubeClusterSigningCertificate");
    assertThat(kubeSigning.path("status").asText()).isEqualTo("Error");
    assertThat(kubeSigning.path("reason").asText()).isEqualTo("CouldNotFetchKey");
  }

  @Test
  void anonymousExchangeThroughTheProxyGivesACertificateOnlyTheProxyAccepts() throws IOException {
    JsonNode credential =
        exchangeThroughTheProxy(
            jwt("pat", List.of("devs", "ops")), "JWTAuthenticator", JWT_AUTHENTICATOR);
    Path viaProxy = credentialKubeconfig(proxyUrl, proxyCaPem, credential, "pat-via-proxy");
    Path direct =
        credentialKubeconfig(kube.apiServerUrl(), kube.servingCaPem(), credential, "pat-direct");

    JsonNode whoami = json(kube.kubectl(viaProxy, "auth", "whoami", "-o", "json").assertSuccess());
    JsonNode user = whoami.path("status").path("userInfo");
    assertThat(user.path("username").asText()).isEqualTo("pat");
    assertThat(strings(user.path("groups")))
        .containsExactlyInAnyOrder("devs", "ops", "system:authenticated");

    KubectlResult directly = kube.kubectl(direct, "auth", "whoami");
    assertThat(directly.exitCode()).isNotZero();
    assertThat(directly.stderr()).contains("Unauthorized");
  }

  @Test
  void rbacDecidesAsForTheImpersonatedUser() throws IOException {
    Path pat = proxyKubeconfigFor("pat", List.of("devs"));

    kube.kubectl(pat, "get", "configmaps", "-n", TEST_NAMESPACE).assertSuccess();
    KubectlResult secrets = kube.kubectl(pat, "get", "secrets", "-n", TEST_NAMESPACE);

    assertThat(secrets.exitCode()).isNotZero();
    assertThat(secrets.stderr())
        .contains("User \"pat\" cannot list resource \"secrets\" in API group \"\"");
  }

  @Test
  void bearerJwtThroughTheProxy() throws IOException {
    Path kubeconfig =
        new Kubeconfig(
                proxyUrl,
                proxyCaPem,
                "jwt-user",
                new KubeconfigCredential.BearerToken(jwt("jay", List.of("jwt-group"))))
            .writeTo(workDirectory.resolve("jwt.yaml"));

    JsonNode user =
        json(kube.kubectl(kubeconfig, "auth", "whoami", "-o", "json").assertSuccess())
            .path("status")
            .path("userInfo");

    assertThat(user.path("username").asText()).isEqualTo("jay");
    assertThat(strings(user.path("groups"))).contains("jwt-group", "system:authenticated");
  }

  @Test
  void webhookTokenThroughTheProxy() throws IOException {
    Path kubeconfig =
        new Kubeconfig(
                proxyUrl,
                proxyCaPem,
                "webhook-user",
                new KubeconfigCredential.BearerToken(WEBHOOK_TOKEN))
            .writeTo(workDirectory.resolve("webhook.yaml"));

    JsonNode user =
        json(kube.kubectl(kubeconfig, "auth", "whoami", "-o", "json").assertSuccess())
            .path("status")
            .path("userInfo");

    assertThat(user.path("username").asText()).isEqualTo("wendy");
    assertThat(strings(user.path("groups"))).contains("webhook-users");
  }

  @Test
  void watchEventsArriveAsTheyHappen() throws Exception {
    Path pat = proxyKubeconfigFor("pat", List.of());
    Process watch =
        new ProcessBuilder(
                kube.binariesDirectory().resolve("kubectl").toString(),
                "--kubeconfig=" + pat,
                "get",
                "configmaps",
                "-n",
                TEST_NAMESPACE,
                "--watch-only",
                "-o",
                "name")
            .redirectErrorStream(true)
            .start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("read failed: " + e);
              }
            });
    reader.setDaemon(true);
    reader.start();
    try {
      for (String name : List.of("watched-1", "watched-2")) {
        // kubectl starts watching only once it has listed; create until the event shows up.
        await("watch event for " + name)
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () -> {
                  kube.adminClient()
                      .configMaps()
                      .inNamespace(TEST_NAMESPACE)
                      .resource(
                          new ConfigMapBuilder()
                              .withNewMetadata()
                              .withName(name)
                              .withLabels(Map.of("at", Long.toString(System.nanoTime())))
                              .endMetadata()
                              .build())
                      .serverSideApply();
                  String line = lines.poll(1, TimeUnit.SECONDS);
                  return line != null && line.equals("configmap/" + name);
                });
      }
      assertThat(watch.isAlive()).isTrue();
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void unauthenticatedRequestsGetA401Status() throws Exception {
    HttpResponse<String> response = proxyGet("/api/v1/namespaces", null, null, Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    JsonNode status = JSON.readTree(response.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo("Unauthorized");
    assertThat(status.path("code").asInt()).isEqualTo(401);
  }

  @Test
  void aCertificateOfAnotherCaGetsA401() throws Exception {
    CertificateAuthority stranger =
        CertificateAuthority.create(
            "stranger", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom());
    IssuedCertificate certificate =
        stranger.issueClientCertificate("pat", List.of(), Duration.ofMinutes(5));

    HttpResponse<String> response =
        proxyGet(
            "/api/v1/namespaces/" + TEST_NAMESPACE + "/configmaps",
            certificate.certificatePem(),
            certificate.privateKeyPem(),
            Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void aSpoofedImpersonateUserHeaderIsRefused() throws Exception {
    JsonNode credential = patCredential();

    HttpResponse<String> response =
        proxyGet(
            "/api/v1/namespaces/" + TEST_NAMESPACE + "/configmaps",
            credential.path("clientCertificateData").asText(),
            credential.path("clientKeyData").asText(),
            Map.of("Impersonate-User", "admin", "Impersonate-Group", "system:masters"));

    assertThat(response.statusCode()).isEqualTo(403);
    JsonNode status = JSON.readTree(response.body());
    assertThat(status.path("reason").asText()).isEqualTo("Forbidden");
    assertThat(status.path("message").asText())
        .isEqualTo(
            "users \"admin\" is forbidden: User \"pat\" cannot impersonate resource \"users\" in"
                + " API group \"\" at the cluster scope: decision made by"
                + " impersonation-proxy.concierge.pinniped.dev");
  }

  @Test
  void nestedImpersonationWhenRbacAllowsIt() throws IOException {
    Path impersonator = proxyKubeconfigFor("impersonator", List.of("impersonators"));

    JsonNode user =
        json(kube.kubectl(impersonator, "auth", "whoami", "--as=target-user", "-o", "json")
                .assertSuccess())
            .path("status")
            .path("userInfo");

    assertThat(user.path("username").asText()).isEqualTo("target-user");
    JsonNode original =
        JSON.readTree(
            user.path("extra")
                .path("original-user-info.impersonation-proxy.concierge.pinniped.dev")
                .path(0)
                .asText());
    assertThat(original.path("username").asText()).isEqualTo("impersonator");
    assertThat(strings(original.path("groups"))).contains("impersonators");
  }

  @Test
  void kubectlExecOverSpdyThroughTheProxy() throws Exception {
    Path pat = proxyKubeconfigFor("pat", List.of());

    KubectlResult exec = kubectlExec(pat, false, "hello over SPDY\nsecond line\n");

    assertThat(exec.stdout()).as(exec.stderr()).isEqualTo("hello over SPDY\nsecond line\n");
    assertThat(exec.exitCode()).isZero();
  }

  @Test
  void kubectlExecOverWebSocketThroughTheProxy() throws Exception {
    Path pat = proxyKubeconfigFor("pat", List.of());

    KubectlResult exec = kubectlExec(pat, true, "hello over WebSocket\n");

    assertThat(exec.stdout()).as(exec.stderr()).isEqualTo("hello over WebSocket\n");
    assertThat(exec.exitCode()).isZero();
  }

  @Test
  void webSocketV5StreamCarriesBytesBothWays() throws Exception {
    JsonNode credential = patCredential();
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(
                TestTlsClients.context(
                    proxyCaPem,
                    credential.path("clientCertificateData").asText(),
                    credential.path("clientKeyData").asText()))
            .build();
    ChannelMessages messages = new ChannelMessages();
    URI exec =
        URI.create(
            "wss://127.0.0.1:"
                + proxyPort
                + "/api/v1/namespaces/"
                + TEST_NAMESPACE
                + "/pods/"
                + POD
                + "/exec?command=cat&stdin=true&stdout=true&stderr=true");

    WebSocket socket =
        client
            .newWebSocketBuilder()
            .subprotocols("v5.channel.k8s.io")
            .buildAsync(exec, messages)
            .get(30, TimeUnit.SECONDS);
    assertThat(socket.getSubprotocol()).isEqualTo("v5.channel.k8s.io");
    socket
        .sendBinary(ByteBuffer.wrap(channelMessage(0, "ping-pong bytes")), true)
        .get(10, TimeUnit.SECONDS);
    assertThat(messages.next(1)).isEqualTo("ping-pong bytes");
    // v5: channel 255 closes the stream named by the next byte, here stdin.
    socket.sendBinary(ByteBuffer.wrap(new byte[] {(byte) 255, 0}), true).get(10, TimeUnit.SECONDS);
    assertThat(JSON.readTree(messages.next(3)).path("status").asText()).isEqualTo("Success");
    socket.abort();
  }

  // --- helpers ---

  /** Binary WebSocket messages of the remote command protocol, by channel (the first byte). */
  private static final class ChannelMessages implements WebSocket.Listener {
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

    @Override
    public java.util.concurrent.@Nullable CompletionStage<?> onBinary(
        WebSocket socket, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      partial.writeBytes(bytes);
      if (last) {
        received.add(partial.toByteArray());
        partial.reset();
      }
      socket.request(1);
      return null;
    }

    /** The payload of the next message on {@code channel}, skipping empty ones. */
    String next(int channel) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        byte[] message = received.poll(1, TimeUnit.SECONDS);
        if (message != null && message.length > 1 && message[0] == channel) {
          return new String(message, 1, message.length - 1, StandardCharsets.UTF_8);
        }
      }
      throw new AssertionError("no message on channel " + channel + " within 30 seconds");
    }
  }

  private static byte[] channelMessage(int channel, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[payload.length + 1];
    message[0] = (byte) channel;
    System.arraycopy(payload, 0, message, 1, payload.length);
    return message;
  }

  /**
   * {@code kubectl exec -i <pod> -- cat} with {@code stdin}, over WebSocket or SPDY as kubectl's
   * environment switch says.
   */
  private static KubectlResult kubectlExec(Path kubeconfig, boolean webSocket, String stdin)
      throws IOException, InterruptedException {
    Path stdout = Files.createTempFile(workDirectory, "exec", ".out");
    Path stderr = Files.createTempFile(workDirectory, "exec", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(
                kube.binariesDirectory().resolve("kubectl").toString(),
                "--kubeconfig=" + kubeconfig,
                "exec",
                "-i",
                "-n",
                TEST_NAMESPACE,
                POD,
                "--",
                "cat")
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().remove("KUBECONFIG");
    builder.environment().put("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", Boolean.toString(webSocket));
    Process process = builder.start();
    try (var in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("kubectl exec did not finish: " + Files.readString(stderr));
    }
    return new KubectlResult(
        process.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  /** A Node whose kubelet is the fake one on loopback, and a Pod bound to it. */
  private static void registerNodeAndPod(KubernetesClient admin, int kubeletPort) {
    FakeNodes.register(admin, NODE, kubeletPort);
    admin
        .pods()
        .inNamespace(TEST_NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(POD)
                .endMetadata()
                .withNewSpec()
                .withNodeName(NODE)
                .addNewContainer()
                .withName("main")
                .withImage("registry.invalid/cat:1")
                .endContainer()
                .endSpec()
                .build())
        .serverSideApply();
  }

  private static void grantExec(String user) {
    ObjectNode role = JSON.createObjectNode();
    role.put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "Role");
    role.putObject("metadata").put("name", "exec").put("namespace", TEST_NAMESPACE);
    ObjectNode pods = role.putArray("rules").addObject();
    pods.putArray("apiGroups").add("");
    pods.putArray("resources").add("pods");
    pods.putArray("verbs").add("get");
    ObjectNode exec =
        ((com.fasterxml.jackson.databind.node.ArrayNode) role.path("rules")).addObject();
    exec.putArray("apiGroups").add("");
    exec.putArray("resources").add("pods/exec");
    exec.putArray("verbs").add("create").add("get");
    ClusterFixture.serverSideApply(kube.adminClient(), role);
    ObjectNode binding = JSON.createObjectNode();
    binding.put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "RoleBinding");
    binding.putObject("metadata").put("name", "exec-" + user).put("namespace", TEST_NAMESPACE);
    binding
        .putArray("subjects")
        .addObject()
        .put("kind", "User")
        .put("name", user)
        .put("apiGroup", "rbac.authorization.k8s.io");
    binding
        .putObject("roleRef")
        .put("kind", "Role")
        .put("name", "exec")
        .put("apiGroup", "rbac.authorization.k8s.io");
    ClusterFixture.serverSideApply(kube.adminClient(), binding);
  }

  /** A client certificate for {@code user} from a TokenCredentialRequest made through the proxy. */
  private static Path proxyKubeconfigFor(String user, List<String> groups) throws IOException {
    JsonNode credential =
        exchangeThroughTheProxy(jwt(user, groups), "JWTAuthenticator", JWT_AUTHENTICATOR);
    return credentialKubeconfig(proxyUrl, proxyCaPem, credential, user + "-via-proxy");
  }

  private static JsonNode patCredential() throws IOException {
    return exchangeThroughTheProxy(jwt("pat", List.of()), "JWTAuthenticator", JWT_AUTHENTICATOR);
  }

  private static JsonNode exchangeThroughTheProxy(String token, String kind, String name)
      throws IOException {
    Path anonymous =
        ClusterFixture.anonymousKubeconfig(
            proxyUrl.toString(), proxyCaPem, workDirectory.resolve("anonymous.yaml"));
    String request =
        "{\"apiVersion\":\"login.concierge.pinniped.dev/v1alpha1\",\"kind\":\"TokenCredentialRequest\","
            + "\"spec\":{\"token\":\""
            + token
            + "\",\"authenticator\":{\"apiGroup\":\"authentication.concierge.pinniped.dev\","
            + "\"kind\":\""
            + kind
            + "\",\"name\":\""
            + name
            + "\"}}}";
    JsonNode response =
        json(
            kube.kubectl(
                    anonymous,
                    request,
                    List.of("create", "--raw", TOKEN_CREDENTIAL_REQUESTS, "-f", "-"))
                .assertSuccess());
    JsonNode credential = response.path("status").path("credential");
    assertThat(credential.path("clientCertificateData").asText())
        .as("TokenCredentialRequest answer %s", response)
        .startsWith("-----BEGIN CERTIFICATE-----");
    return credential;
  }

  private static Path credentialKubeconfig(
      URI server, String caPem, JsonNode credential, String name) {
    return new Kubeconfig(
            server,
            caPem,
            name,
            new KubeconfigCredential.ClientCertificate(
                credential.path("clientCertificateData").asText(),
                credential.path("clientKeyData").asText()))
        .writeTo(workDirectory.resolve(name + ".yaml"));
  }

  private static HttpResponse<String> proxyGet(
      String path,
      @Nullable String certificatePem,
      @Nullable String privateKeyPem,
      Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TestTlsClients.context(proxyCaPem, certificatePem, privateKeyPem))
            .build();
    HttpRequest.Builder request = HttpRequest.newBuilder(proxyUrl.resolve(path)).GET();
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String jwt(String username, List<String> groups) {
    Instant now = Instant.now();
    return issuer.sign(
        new JWTClaimsSet.Builder()
            .issuer(issuer.issuer())
            .audience(AUDIENCE)
            .subject(username + "-subject")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .claim("username", username)
            .claim("groups", groups)
            .build(),
        JWSAlgorithm.ES256);
  }

  static void replaceCredentialIssuer(KubernetesClient admin, Map<String, Object> proxySpec) {
    admin
        .genericKubernetesResources(CREDENTIAL_ISSUERS)
        .withName("pinniped-concierge-config")
        .delete();
    await("old CredentialIssuer gone")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin
                        .genericKubernetesResources(CREDENTIAL_ISSUERS)
                        .withName("pinniped-concierge-config")
                        .get()
                    == null);
    admin
        .genericKubernetesResources(CREDENTIAL_ISSUERS)
        .resource(
            admin
                .getKubernetesSerialization()
                .convertValue(
                    Map.of(
                        "apiVersion",
                        "config.concierge.pinniped.dev/v1alpha1",
                        "kind",
                        "CredentialIssuer",
                        "metadata",
                        Map.of("name", "pinniped-concierge-config"),
                        "spec",
                        Map.of("impersonationProxy", proxySpec)),
                    GenericKubernetesResource.class))
        .create();
  }

  static JsonNode strategy(String type) {
    return ClusterFixture.credentialIssuerStrategy(
        kube.adminClient(), "pinniped-concierge-config", type);
  }

  private static String authenticatorPhase(String plural, String name) {
    return json(kube.kubectl(kube.adminKubeconfig(), "get", plural, name, "-o", "json")
            .assertSuccess())
        .path("status")
        .path("phase")
        .asText();
  }

  private static void grantConfigMapReader(String user) {
    ObjectNode role = JSON.createObjectNode();
    role.put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "Role");
    role.putObject("metadata").put("name", "configmap-reader").put("namespace", TEST_NAMESPACE);
    ObjectNode rule = role.putArray("rules").addObject();
    rule.putArray("apiGroups").add("");
    rule.putArray("resources").add("configmaps");
    rule.putArray("verbs").add("get").add("list").add("watch");
    ClusterFixture.serverSideApply(kube.adminClient(), role);
    ObjectNode binding = JSON.createObjectNode();
    binding.put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "RoleBinding");
    binding
        .putObject("metadata")
        .put("name", "configmap-reader-" + user)
        .put("namespace", TEST_NAMESPACE);
    binding
        .putArray("subjects")
        .addObject()
        .put("kind", "User")
        .put("name", user)
        .put("apiGroup", "rbac.authorization.k8s.io");
    binding
        .putObject("roleRef")
        .put("kind", "Role")
        .put("name", "configmap-reader")
        .put("apiGroup", "rbac.authorization.k8s.io");
    ClusterFixture.serverSideApply(kube.adminClient(), binding);
  }

  private static void grantImpersonation(String user, String target) {
    ObjectNode role = JSON.createObjectNode();
    role.put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "ClusterRole");
    role.putObject("metadata").put("name", "proxy-it-impersonator");
    ObjectNode users = role.putArray("rules").addObject();
    users.putArray("apiGroups").add("");
    users.putArray("resources").add("users");
    users.putArray("resourceNames").add(target);
    users.putArray("verbs").add("impersonate");
    ClusterFixture.serverSideApply(kube.adminClient(), role);
    ObjectNode binding = JSON.createObjectNode();
    binding.put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "ClusterRoleBinding");
    binding.putObject("metadata").put("name", "proxy-it-impersonator");
    binding
        .putArray("subjects")
        .addObject()
        .put("kind", "User")
        .put("name", user)
        .put("apiGroup", "rbac.authorization.k8s.io");
    binding
        .putObject("roleRef")
        .put("kind", "ClusterRole")
        .put("name", "proxy-it-impersonator")
        .put("apiGroup", "rbac.authorization.k8s.io");
    ClusterFixture.serverSideApply(kube.adminClient(), binding);
  }

  private static JsonNode json(KubectlResult result) {
    try {
      return JSON.readTree(result.stdout());
    } catch (IOException e) {
      throw new AssertionError("kubectl printed no JSON: " + result.stdout(), e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
