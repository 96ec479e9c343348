package dev.pinnipedjava.supervisor.clientsecretapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.pki.Pem;
import dev.pinnipedjava.supervisor.clientsecret.Bcrypt;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretStorage;
import dev.pinnipedjava.supervisor.testing.RunningSupervisor;
import dev.pinnipedjava.supervisor.testing.TestFederationDomains;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubectlResult;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OIDCClientSecretRequest API through the real kube-apiserver: the APIService from {@code
 * deploy/supervisor} routed to the Supervisor's aggregated API, and kubectl creating requests.
 */
@WithKubeControlPlane
class ClientSecretApiIT {
  private static final String NAMESPACE = "supervisor-client-secrets";
  private static final String API_SERVICE = "v1alpha1.clientsecret.supervisor.pinniped.dev";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ResourceDefinitionContext API_SERVICES =
      new ResourceDefinitionContext.Builder()
          .withGroup("apiregistration.k8s.io")
          .withVersion("v1")
          .withKind("APIService")
          .withPlural("apiservices")
          .withNamespaced(false)
          .build();
  private static final ResourceDefinitionContext OIDC_CLIENTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("config.supervisor.pinniped.dev")
          .withVersion("v1alpha1")
          .withKind("OIDCClient")
          .withPlural("oidcclients")
          .withNamespaced(true)
          .build();

  private static KubeControlPlane kube;
  private static KubernetesClient admin;
  private static RunningSupervisor supervisor;

  @BeforeAll
  static void start(KubeControlPlane controlPlane) throws IOException {
    kube = controlPlane;
    admin = kube.adminClient();
    supervisor = RunningSupervisor.startWithAggregatedApi(admin, NAMESPACE);
    int port = supervisor.supervisor().aggregatedApi().orElseThrow().port();
    // Kubernetes refuses loopback addresses in Endpoints; with aggregator routing off, the
    // kube-apiserver connects to an ExternalName Service's name and the APIService's port.
    admin
        .services()
        .inNamespace(NAMESPACE)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("pinniped-supervisor-api")
                .endMetadata()
                .withNewSpec()
                .withType("ExternalName")
                .withExternalName("127.0.0.1")
                .endSpec()
                .build())
        .serverSideApply();
    ObjectNode apiService =
        (ObjectNode) YAML.readTree(Files.readString(deploy().resolve("apiservice.yaml")));
    ObjectNode service = (ObjectNode) apiService.path("spec").path("service");
    service.put("namespace", NAMESPACE).put("port", port);
    admin
        .resource(
            admin
                .getKubernetesSerialization()
                .convertValue(apiService, GenericKubernetesResource.class))
        .forceConflicts()
        .serverSideApply();
    await("APIService " + API_SERVICE + " available")
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(available()).startsWith("True "));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.genericKubernetesResources(API_SERVICES).withName(API_SERVICE).delete();
    }
    if (supervisor != null) {
      supervisor.close();
    }
  }

  private static Path deploy() {
    return Path.of(System.getProperty("basedir", ""))
        .toAbsolutePath()
        .resolveSibling("deploy")
        .resolve("supervisor");
  }

  private static String available() {
    JsonNode apiService =
        JSON.valueToTree(
            admin.genericKubernetesResources(API_SERVICES).withName(API_SERVICE).get());
    for (JsonNode condition : apiService.path("status").path("conditions")) {
      if (condition.path("type").asText().equals("Available")) {
        return condition.path("status").asText() + " " + condition.path("message").asText();
      }
    }
    return "missing";
  }

  private static GenericKubernetesResource createClient(String name) {
    return admin
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("config.supervisor.pinniped.dev/v1alpha1")
                .withKind("OIDCClient")
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName(name)
                .endMetadata()
                .withAdditionalProperties(
                    Map.of(
                        "spec",
                        Map.of(
                            "allowedRedirectURIs", List.of("https://app.example.com/callback"),
                            "allowedGrantTypes", List.of("authorization_code"),
                            "allowedScopes", List.of("openid"))))
                .build())
        .create();
  }

  private static KubectlResult createRequest(
      String namespace, String name, boolean generate, boolean revoke, String... flags) {
    String yaml =
        "apiVersion: clientsecret.supervisor.pinniped.dev/v1alpha1\n"
            + "kind: OIDCClientSecretRequest\n"
            + "metadata:\n"
            + "  name: "
            + name
            + "\n"
            + "  namespace: "
            + namespace
            + "\n"
            + "spec:\n"
            + "  generateNewSecret: "
            + generate
            + "\n"
            + "  revokeOldSecrets: "
            + revoke
            + "\n";
    List<String> args = new ArrayList<>(List.of("create", "-f", "-", "-o", "json"));
    args.addAll(List.of(flags));
    return kube.kubectl(kube.adminKubeconfig(), yaml, args);
  }

  private static JsonNode created(KubectlResult result) throws IOException {
    return JSON.readTree(result.assertSuccess().stdout());
  }

  private static List<String> storedHashes(GenericKubernetesResource client) throws IOException {
    Secret secret =
        admin
            .secrets()
            .inNamespace(NAMESPACE)
            .withName(ClientSecretStorage.secretName(client.getMetadata().getUid()))
            .get();
    assertThat(secret).as("client secret storage").isNotNull();
    assertThat(secret.getType()).isEqualTo("storage.pinniped.dev/oidc-client-secret");
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("storage.pinniped.dev/type", "oidc-client-secret");
    assertThat(secret.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("OIDCClient");
              assertThat(owner.getUid()).isEqualTo(client.getMetadata().getUid());
            });
    assertThat(decode(secret, "pinniped-storage-version")).isEqualTo("1");
    JsonNode document = JSON.readTree(decode(secret, "pinniped-storage-data"));
    assertThat(document.path("version").asText()).isEqualTo("1");
    List<String> hashes = new ArrayList<>();
    document.path("hashes").forEach(hash -> hashes.add(hash.asText()));
    return hashes;
  }

  private static String decode(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  @Test
  void rotatesSecretsThroughKubectl() throws IOException {
    GenericKubernetesResource client = createClient("client.oauth.pinniped.dev-rotate");

    JsonNode first =
        created(createRequest(NAMESPACE, "client.oauth.pinniped.dev-rotate", true, false));
    String firstSecret = first.path("status").path("generatedSecret").asText();
    assertThat(firstSecret).matches("[0-9a-f]{64}");
    assertThat(first.path("status").path("totalClientSecrets").asInt()).isEqualTo(1);
    assertThat(first.path("kind").asText()).isEqualTo("OIDCClientSecretRequest");
    assertThat(first.path("metadata").path("namespace").asText()).isEqualTo(NAMESPACE);
    List<String> hashes = storedHashes(client);
    assertThat(hashes).singleElement().asString().startsWith("$2a$12$");
    assertThat(Bcrypt.matches(hashes.get(0), firstSecret)).isTrue();

    List<String> secrets = new ArrayList<>(List.of(firstSecret));
    for (int total = 2; total <= 5; total++) {
      JsonNode next =
          created(createRequest(NAMESPACE, "client.oauth.pinniped.dev-rotate", true, false));
      assertThat(next.path("status").path("totalClientSecrets").asInt()).isEqualTo(total);
      secrets.add(0, next.path("status").path("generatedSecret").asText());
    }
    assertThat(secrets).doesNotHaveDuplicates();

    KubectlResult sixth = createRequest(NAMESPACE, "client.oauth.pinniped.dev-rotate", true, false);
    assertThat(sixth.succeeded()).isFalse();
    assertThat(sixth.stderr())
        .contains(
            "OIDCClient client.oauth.pinniped.dev-rotate has too many secrets,"
                + " spec.revokeOldSecrets must be true");
    assertThat(storedHashes(client)).hasSize(5);

    JsonNode rotated =
        created(createRequest(NAMESPACE, "client.oauth.pinniped.dev-rotate", true, true));
    String newest = rotated.path("status").path("generatedSecret").asText();
    assertThat(rotated.path("status").path("totalClientSecrets").asInt()).isEqualTo(1);
    List<String> remaining = storedHashes(client);
    assertThat(remaining).hasSize(1);
    assertThat(Bcrypt.matches(remaining.get(0), newest)).isTrue();
    assertThat(Bcrypt.matches(remaining.get(0), firstSecret)).isFalse();

    // Revoking alone keeps the newest; asking for nothing changes nothing and shows no secret.
    JsonNode revoked =
        created(createRequest(NAMESPACE, "client.oauth.pinniped.dev-rotate", false, true));
    assertThat(revoked.path("status").path("totalClientSecrets").asInt()).isEqualTo(1);
    assertThat(revoked.path("status").has("generatedSecret")).isFalse();
    JsonNode nothing =
        created(createRequest(NAMESPACE, "client.oauth.pinniped.dev-rotate", false, false));
    assertThat(nothing.path("status").path("totalClientSecrets").asInt()).isEqualTo(1);
    assertThat(storedHashes(client)).isEqualTo(remaining);

    // The controller sees the stored secret: the client becomes Ready with one secret.
    await("OIDCClient Ready")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode status =
                  JSON.valueToTree(
                          admin
                              .genericKubernetesResources(OIDC_CLIENTS)
                              .inNamespace(NAMESPACE)
                              .withName("client.oauth.pinniped.dev-rotate")
                              .get())
                      .path("status");
              assertThat(status.path("phase").asText()).isEqualTo("Ready");
              assertThat(status.path("totalClientSecrets").asInt()).isEqualTo(1);
            });
  }

  record Case(
      String name, String namespace, String clientName, List<String> flags, String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> refusals() {
    return Stream.of(
        new Case(
            "client that does not exist",
            NAMESPACE,
            "client.oauth.pinniped.dev-missing",
            List.of(),
            "metadata.name: Not found: \"client.oauth.pinniped.dev-missing\""),
        new Case(
            "name without the client prefix",
            NAMESPACE,
            "webapp",
            List.of(),
            "must start with 'client.oauth.pinniped.dev-'"),
        new Case(
            "another namespace",
            "default",
            "client.oauth.pinniped.dev-rotate",
            List.of(),
            "namespace must be " + NAMESPACE + " on OIDCClientSecretRequest, was default"),
        new Case(
            "server-side dry run",
            NAMESPACE,
            "client.oauth.pinniped.dev-missing",
            List.of("--dry-run=server"),
            "dryRun: Unsupported value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWithAKubernetesStatus(Case test) {
    KubectlResult result =
        createRequest(
            test.namespace(), test.clientName(), true, false, test.flags().toArray(String[]::new));

    assertThat(result.succeeded()).as(result.stdout()).isFalse();
    assertThat(result.stderr()).contains(test.wantError()).doesNotContain("Exception");
  }

  @Test
  void discoveryListsTheNamespacedResource() {
    KubectlResult resources =
        kube.kubectl(
                kube.adminKubeconfig(),
                "api-resources",
                "--api-group=clientsecret.supervisor.pinniped.dev",
                "-o",
                "wide")
            .assertSuccess();
    assertThat(resources.stdout())
        .contains("oidcclientsecretrequests")
        .contains("OIDCClientSecretRequest")
        .contains("true"); // NAMESPACED

    KubectlResult list =
        kube.kubectl(kube.adminKubeconfig(), "get", "oidcclientsecretrequests", "-n", NAMESPACE)
            .assertSuccess();
    assertThat(list.stdout() + list.stderr()).contains("No resources found");
  }

  @Test
  void callersTheKubeApiserverDidNotVouchForAreRefused() throws Exception {
    // Straight to the aggregated API, without the kube-apiserver's front-proxy certificate: the
    // caller is anonymous, and anonymous callers may not touch client secrets.
    ClientSecretApiServer api = supervisor.supervisor().aggregatedApi().orElseThrow();
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("ca", Pem.decodeCertificates(api.caBundlePem()).get(0));
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(null, trustManagers.getTrustManagers(), null);
    HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
    String body =
        "{\"apiVersion\":\"clientsecret.supervisor.pinniped.dev/v1alpha1\","
            + "\"kind\":\"OIDCClientSecretRequest\","
            + "\"metadata\":{\"name\":\"client.oauth.pinniped.dev-rotate\"},"
            + "\"spec\":{\"generateNewSecret\":true}}";

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://127.0.0.1:"
                            + api.port()
                            + "/apis/clientsecret.supervisor.pinniped.dev/v1alpha1/namespaces/"
                            + NAMESPACE
                            + "/oidcclientsecretrequests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    JsonNode status = JSON.readTree(response.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo("Forbidden");
    assertThat(response.body()).doesNotContain("generatedSecret");
  }

  @Test
  void generatedSecretsAuthenticateAtTheTokenEndpointUntilRevoked() throws Exception {
    CertificateAuthority ca =
        CertificateAuthority.create(
            "issuer-ca", Duration.ofHours(1), java.time.Clock.systemUTC(), new SecureRandom());
    IssuedCertificate certificate =
        ca.issueServingCertificate(
            ISSUER_HOST,
            List.of(ISSUER_HOST),
            List.of(InetAddress.getLoopbackAddress()),
            Duration.ofHours(1));
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
                        "tls.crt", encode(certificate.certificatePem()),
                        "tls.key", encode(certificate.privateKeyPem())))
                .build())
        .serverSideApply();
    supervisor.createOidcIdentityProvider("upstream", false);
    FederationDomain federationDomain =
        TestFederationDomains.federationDomain()
            .namespace(NAMESPACE)
            .name("tokens-fd")
            .issuer("https://" + ISSUER_HOST + "/issuer")
            .identityProvider("Upstream", "OIDCIdentityProvider", "upstream")
            .build();
    federationDomain.getMetadata().setUid(null);
    admin.resource(federationDomain).create();
    GenericKubernetesResource client = createClient("client.oauth.pinniped.dev-tokens");
    String first =
        created(createRequest(NAMESPACE, "client.oauth.pinniped.dev-tokens", true, false))
            .path("status")
            .path("generatedSecret")
            .asText();
    HttpClient http = trusting(ca);

    // The client is served once the caches hold it and its secret: the secret authenticates, and
    // the bogus code is what is refused.
    await("client authenticates with its first secret")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(tokenError(http, first)).isEqualTo("400 invalid_grant"));
    assertThat(tokenError(http, "not-the-secret")).isEqualTo("401 invalid_client");

    String second =
        created(createRequest(NAMESPACE, "client.oauth.pinniped.dev-tokens", true, true))
            .path("status")
            .path("generatedSecret")
            .asText();
    await("the revoked secret is refused")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(tokenError(http, first)).isEqualTo("401 invalid_client"));
    assertThat(tokenError(http, second)).isEqualTo("400 invalid_grant");

    // Deleting the OIDCClient deletes the client: its secret no longer works.
    admin.resource(client).delete();
    await("a deleted client is unknown")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(tokenError(http, second)).isEqualTo("401 invalid_client"));
  }

  private static final String ISSUER_HOST = "clients.example.com";

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static HttpClient trusting(CertificateAuthority ca) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trustManagers.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** The status and {@code error} of a token request redeeming a bogus code with {@code secret}. */
  private static String tokenError(HttpClient http, String secret) throws Exception {
    String form =
        "grant_type=authorization_code&code=pin_ac_bogus.bogus"
            + "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&code_verifier="
            + "verifier-verifier-verifier-verifier-verifier-1234";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + supervisor.port() + "/issuer/oauth2/token"))
                .header("Host", ISSUER_HOST)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Authorization",
                    "Basic " + encode("client.oauth.pinniped.dev-tokens:" + secret))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + JSON.readTree(response.body()).path("error").asText();
  }
}
