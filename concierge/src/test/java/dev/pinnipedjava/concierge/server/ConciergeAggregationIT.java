package dev.pinnipedjava.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubectlResult;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.kubeconfig.Kubeconfig;
import dev.pinnipedjava.testkit.kubeconfig.KubeconfigCredential;
import dev.pinnipedjava.testkit.oidcissuer.TestOidcIssuer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vertx.core.Vertx;
import java.io.IOException;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Concierge behind a real kube-apiserver: its APIServices become available, kubectl discovers
 * and explains its resources, and a token exchanged through TokenCredentialRequest gives a client
 * certificate the kube-apiserver accepts.
 */
@WithKubeControlPlane
class ConciergeAggregationIT {
  private static final Path DEPLOY = Path.of("..", "deploy", "concierge");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String AUDIENCE = "concierge-it";
  private static final String AUTHENTICATOR = "it-jwt";
  private static final String TOKEN_CREDENTIAL_REQUESTS =
      "/apis/login.concierge.pinniped.dev/v1alpha1/tokencredentialrequests";
  private static final String WHO_AM_I_REQUESTS =
      "/apis/identity.concierge.pinniped.dev/v1alpha1/whoamirequests";
  private static final ResourceDefinitionContext JWT_AUTHENTICATORS =
      new ResourceDefinitionContext.Builder()
          .withGroup("authentication.concierge.pinniped.dev")
          .withVersion("v1alpha1")
          .withKind("JWTAuthenticator")
          .withPlural("jwtauthenticators")
          .withNamespaced(false)
          .build();
  private static final ResourceDefinitionContext API_SERVICES =
      new ResourceDefinitionContext.Builder()
          .withGroup("apiregistration.k8s.io")
          .withVersion("v1")
          .withKind("APIService")
          .withPlural("apiservices")
          .withNamespaced(false)
          .build();

  private static final List<String> AUDIT = new CopyOnWriteArrayList<>();
  private static KubeControlPlane kube;
  private static Vertx vertx;
  private static Concierge concierge;
  private static TestOidcIssuer issuer;
  private static Path anonymous;
  private static Path workDirectory;

  @BeforeAll
  static void startConcierge(KubeControlPlane controlPlane) throws IOException {
    kube = controlPlane;
    KubernetesClient client = kube.adminClient();
    workDirectory = Files.createTempDirectory("concierge-it");

    // Every CRD the Concierge watches, so that its controllers find their resources.
    for (String crd :
        List.of(
            "jwtauthenticators.authentication.concierge.pinniped.dev",
            "webhookauthenticators.authentication.concierge.pinniped.dev",
            "credentialissuers.config.concierge.pinniped.dev")) {
      apply(DEPLOY.resolve("crds/" + crd + ".yaml"), doc -> doc);
    }
    applyNamed(DEPLOY.resolve("rbac.yaml"), "pinniped-concierge-pre-authn-apis");
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("pinniped-concierge")
                .endMetadata()
                .build())
        .serverSideApply();
    // Kubernetes refuses loopback addresses in Endpoints; with aggregator routing off, the
    // kube-apiserver connects to an ExternalName Service's name and the APIService's port.
    client
        .services()
        .inNamespace("pinniped-concierge")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("pinniped-concierge-api")
                .endMetadata()
                .withNewSpec()
                .withType("ExternalName")
                .withExternalName("127.0.0.1")
                .endSpec()
                .build())
        .serverSideApply();

    Path signerCertificate =
        Files.writeString(workDirectory.resolve("client-ca.crt"), kube.clientCa().certificatePem());
    Path signerKey =
        Files.writeString(workDirectory.resolve("client-ca.key"), kube.clientCa().privateKeyPem());
    ConciergeConfig config =
        ConciergeConfig.defaults()
            .withListener("127.0.0.1", 0)
            .withClientCertificateSigner(
                new ConciergeConfig.SignerFiles(signerCertificate, signerKey));
    vertx = Vertx.vertx();
    concierge =
        Concierge.start(
            config,
            new Concierge.Environment(
                client, vertx, Clock.systemUTC(), new SecureRandom(), AUDIT::add, "it"));

    apply(DEPLOY.resolve("apiservice.yaml"), ConciergeAggregationIT::pointAtConcierge);

    issuer = TestOidcIssuer.start("/concierge-it");
    client
        .genericKubernetesResources(JWT_AUTHENTICATORS)
        .resource(
            YAML.convertValue(
                Map.of(
                    "apiVersion",
                    "authentication.concierge.pinniped.dev/v1alpha1",
                    "kind",
                    "JWTAuthenticator",
                    "metadata",
                    Map.of("name", AUTHENTICATOR),
                    "spec",
                    Map.of(
                        "issuer", issuer.issuer(),
                        "audience", AUDIENCE,
                        "tls", Map.of("certificateAuthorityData", issuer.caBundleBase64()))),
                GenericKubernetesResource.class))
        .serverSideApply();

    anonymous = writeAnonymousKubeconfig();

    await("APIServices available")
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertThat(available("v1alpha1.login.concierge.pinniped.dev")).isEqualTo("True");
              assertThat(available("v1alpha1.identity.concierge.pinniped.dev")).isEqualTo("True");
            });
    // The kube-apiserver adds aggregated OpenAPI v3 documents some time after the APIServices
    // become available; kubectl's explain and field validation need them.
    await("OpenAPI v3 of both groups published by the kube-apiserver")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(
                        kube.kubectl(kube.adminKubeconfig(), "get", "--raw", "/openapi/v3")
                            .assertSuccess()
                            .stdout())
                    .contains("\"apis/login.concierge.pinniped.dev/v1alpha1\"")
                    .contains("\"apis/identity.concierge.pinniped.dev/v1alpha1\""));
    await("JWTAuthenticator ready")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(authenticatorStatus().path("phase").asText()).isEqualTo("Ready"));
  }

  @AfterAll
  static void stopConcierge() {
    if (kube != null) {
      for (String name :
          List.of(
              "v1alpha1.login.concierge.pinniped.dev",
              "v1alpha1.identity.concierge.pinniped.dev")) {
        kube.adminClient().genericKubernetesResources(API_SERVICES).withName(name).delete();
      }
      kube.adminClient()
          .genericKubernetesResources(JWT_AUTHENTICATORS)
          .withName(AUTHENTICATOR)
          .delete();
    }
    if (concierge != null) {
      concierge.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  @Test
  void apiServicesTrustTheConciergesCa() {
    String caBundle =
        Base64.getEncoder()
            .encodeToString(concierge.caBundlePem().getBytes(StandardCharsets.UTF_8));
    for (String name :
        List.of(
            "v1alpha1.login.concierge.pinniped.dev", "v1alpha1.identity.concierge.pinniped.dev")) {
      assertThat(apiService(name).path("spec").path("caBundle").asText()).isEqualTo(caBundle);
    }
  }

  @Test
  void jwtAuthenticatorStatusIsReadyWithEveryCondition() {
    JsonNode status = authenticatorStatus();

    List<String> trueConditions = new ArrayList<>();
    status
        .path("conditions")
        .forEach(
            condition -> {
              if (condition.path("status").asText().equals("True")) {
                trueConditions.add(condition.path("type").asText());
              }
            });
    assertThat(trueConditions)
        .containsExactly(
            "AuthenticatorValid",
            "DiscoveryURLValid",
            "IssuerURLValid",
            "JWKSFetchValid",
            "JWKSURLValid",
            "Ready",
            "TLSConfigurationValid");
  }

  @Test
  void kubectlDiscoversBothResources() {
    String resources =
        kube.kubectl(kube.adminKubeconfig(), "api-resources", "--categories=pinniped", "-o", "wide")
            .assertSuccess()
            .stdout();

    assertThat(resources)
        .containsPattern(
            "tokencredentialrequests\\s+login.concierge.pinniped.dev/v1alpha1\\s+false\\s+TokenCredentialRequest\\s+create,list")
        .containsPattern(
            "whoamirequests\\s+identity.concierge.pinniped.dev/v1alpha1\\s+false\\s+WhoAmIRequest\\s+create,list");
  }

  @Test
  void kubectlExplainsTheResources() {
    assertThat(
            kube.kubectl(kube.adminKubeconfig(), "explain", "tokencredentialrequests.spec")
                .assertSuccess()
                .stdout())
        .contains("Specification of the credential request.")
        .contains("token\t<string>")
        .contains("authenticator\t<Object>");
    assertThat(
            kube.kubectl(
                    kube.adminKubeconfig(),
                    "explain",
                    "whoamirequests.status.kubernetesUserInfo.user")
                .assertSuccess()
                .stdout())
        .contains("username\t<string> -required-")
        .contains("groups\t<[]string>");
  }

  @Test
  void listingGivesNothing() {
    assertThat(
            kube.kubectl(kube.adminKubeconfig(), "get", "tokencredentialrequests")
                .assertSuccess()
                .stderr())
        .contains("No resources found");
  }

  @Test
  void anonymousExchangeGivesACertificateTheKubeApiserverAccepts() throws IOException {
    JsonNode credential =
        createRaw(
                anonymous,
                TOKEN_CREDENTIAL_REQUESTS,
                tokenCredentialRequest(validToken(), AUTHENTICATOR))
            .path("status")
            .path("credential");
    assertThat(credential.path("clientCertificateData").asText())
        .startsWith("-----BEGIN CERTIFICATE-----");
    Path asPat = writeCredentialKubeconfig(credential);

    JsonNode authWhoami =
        JSON.readTree(kube.kubectl(asPat, "auth", "whoami", "-o", "json").assertSuccess().stdout());
    JsonNode userInfo = authWhoami.path("status").path("userInfo");
    assertThat(userInfo.path("username").asText()).isEqualTo("pat");
    assertThat(strings(userInfo.path("groups")))
        .containsExactly("devs", "ops", "system:authenticated");

    JsonNode whoAmI = createAsOrdinaryUser(asPat, whoAmIRequest());
    JsonNode user = whoAmI.path("status").path("kubernetesUserInfo").path("user");
    assertThat(user.path("username").asText()).isEqualTo("pat");
    assertThat(strings(user.path("groups"))).isEqualTo(strings(userInfo.path("groups")));
  }

  @Test
  void exchangeWithKubectlCreateAsAnAdmin() {
    JsonNode response =
        create(kube.adminKubeconfig(), tokenCredentialRequest(validToken(), AUTHENTICATOR));

    assertThat(response.path("kind").asText()).isEqualTo("TokenCredentialRequest");
    assertThat(response.path("status").path("credential").path("clientKeyData").asText())
        .startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void exchangeWithKubectlCreateAsAnOrdinaryUser() {
    Path someone = kube.writeUserKubeconfig("someone-else", List.of("others"));

    JsonNode response =
        createAsOrdinaryUser(someone, tokenCredentialRequest(validToken(), AUTHENTICATOR));

    assertThat(response.path("status").path("credential").path("clientCertificateData").asText())
        .isNotEmpty();
  }

  @Test
  void kubectlValidatesAgainstThePublishedSchema() {
    KubectlResult result =
        kube.kubectl(
            kube.adminKubeconfig(),
            "{\"apiVersion\":\"login.concierge.pinniped.dev/v1alpha1\",\"kind\":\"TokenCredentialRequest\","
                + "\"spec\":{\"tokne\":\"x\"}}",
            List.of("create", "-f", "-", "-o", "json"));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("unknown field \"tokne\"");
  }

  @Test
  void whoAmIOfAnAnonymousCaller() {
    JsonNode user =
        createRaw(anonymous, WHO_AM_I_REQUESTS, whoAmIRequest())
            .path("status")
            .path("kubernetesUserInfo")
            .path("user");

    assertThat(user.path("username").asText()).isEqualTo("system:anonymous");
    assertThat(strings(user.path("groups"))).containsExactly("system:unauthenticated");
  }

  /** A token the Concierge must refuse, with the same answer as any other. */
  record BadToken(String name, Function<TestOidcIssuer, String> token, String authenticator) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<BadToken> badTokens() {
    return Stream.of(
        new BadToken(
            "expired",
            i -> token(i, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(60)))),
            AUTHENTICATOR),
        new BadToken(
            "wrong audience", i -> token(i, c -> c.audience("someone-else")), AUTHENTICATOR),
        new BadToken(
            "wrong issuer",
            i -> token(i, c -> c.issuer("https://127.0.0.1:1/elsewhere")),
            AUTHENTICATOR),
        new BadToken("bad signature", i -> tamperedSignature(token(i, c -> c)), AUTHENTICATOR),
        new BadToken("alg none", i -> new PlainJWT(claims(i).build()).serialize(), AUTHENTICATOR),
        new BadToken("malformed", i -> "this-is-not-a-jwt", AUTHENTICATOR),
        new BadToken("oversized", i -> "x".repeat(100 * 1024), AUTHENTICATOR),
        new BadToken(
            "system: username",
            i -> token(i, c -> c.claim("username", "system:admin")),
            AUTHENTICATOR),
        new BadToken("unknown authenticator", i -> token(i, c -> c), "no-such-authenticator"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void badTokensGetTheGenericFailure(BadToken badToken) {
    String token = badToken.token().apply(issuer);

    JsonNode response =
        createRaw(
            anonymous,
            TOKEN_CREDENTIAL_REQUESTS,
            tokenCredentialRequest(token, badToken.authenticator()));

    assertThat(response.path("status").toString())
        .isEqualTo("{\"message\":\"authentication failed\"}");
    assertThat(String.join("\n", AUDIT)).doesNotContain(token);
  }

  private static JsonNode create(Path kubeconfig, String manifest, String... flags) {
    List<String> args = new ArrayList<>(List.of("create", "-f", "-", "-o", "json"));
    args.addAll(List.of(flags));
    return json(kube.kubectl(kubeconfig, manifest, args).assertSuccess());
  }

  /**
   * {@code kubectl create} as a user who may not list CRDs. kubectl judges whether a kind supports
   * server-side field validation from its PATCH operation in OpenAPI; create-only kinds (Pinniped's
   * too) have none, so kubectl then asks whether the kind is a CRD, which an ordinary user may not
   * do, and fails. Its client-side validation is therefore off here; the admin tests cover it.
   */
  private static JsonNode createAsOrdinaryUser(Path kubeconfig, String manifest) {
    return create(kubeconfig, manifest, "--validate=false");
  }

  /**
   * POSTs a manifest as is, the way a client without an identity must: it may not read discovery or
   * OpenAPI, which kubectl's resource mapping and validation need.
   */
  private static JsonNode createRaw(Path kubeconfig, String path, String manifest) {
    return json(
        kube.kubectl(kubeconfig, manifest, List.of("create", "--raw", path, "-f", "-"))
            .assertSuccess());
  }

  private static JsonNode json(KubectlResult result) {
    try {
      return JSON.readTree(result.stdout());
    } catch (IOException e) {
      throw new AssertionError("kubectl printed no JSON: " + result.stdout(), e);
    }
  }

  private static String tokenCredentialRequest(String token, String authenticator) {
    return "{\"apiVersion\":\"login.concierge.pinniped.dev/v1alpha1\",\"kind\":\"TokenCredentialRequest\","
        + "\"spec\":{\"token\":\""
        + token
        + "\",\"authenticator\":{\"apiGroup\":\"authentication.concierge.pinniped.dev\","
        + "\"kind\":\"JWTAuthenticator\",\"name\":\""
        + authenticator
        + "\"}}}";
  }

  private static String whoAmIRequest() {
    return "{\"apiVersion\":\"identity.concierge.pinniped.dev/v1alpha1\",\"kind\":\"WhoAmIRequest\"}";
  }

  private static String validToken() {
    return token(issuer, c -> c);
  }

  private static JWTClaimsSet.Builder claims(TestOidcIssuer issuer) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer.issuer())
        .audience(AUDIENCE)
        .subject("pat-subject")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .claim("username", "pat")
        .claim("groups", List.of("devs", "ops"));
  }

  private static String token(
      TestOidcIssuer issuer, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> change) {
    return issuer.sign(change.apply(claims(issuer)).build(), JWSAlgorithm.ES256);
  }

  /**
   * The token with the first character of its signature changed. (Not the last one: its low bits
   * are base64 padding that decoders ignore, so changing it may leave the signature intact.)
   */
  private static String tamperedSignature(String token) {
    int signatureStart = token.lastIndexOf('.') + 1;
    char first = token.charAt(signatureStart);
    return token.substring(0, signatureStart)
        + (first == 'A' ? 'B' : 'A')
        + token.substring(signatureStart + 1);
  }

  private static Path writeCredentialKubeconfig(JsonNode credential) {
    return new Kubeconfig(
            kube.apiServerUrl(),
            kube.servingCaPem(),
            "pat-from-concierge",
            new KubeconfigCredential.ClientCertificate(
                credential.path("clientCertificateData").asText(),
                credential.path("clientKeyData").asText()))
        .writeTo(workDirectory.resolve("pat.yaml"));
  }

  /**
   * A kubeconfig the kube-apiserver treats as anonymous. kubectl prompts for a password when a user
   * has no credential at all, so this one has basic-auth credentials, which Kubernetes no longer
   * supports and ignores: the request arrives without an identity.
   */
  private static Path writeAnonymousKubeconfig() throws IOException {
    String yaml =
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: "
            + kube.apiServerUrl()
            + "\n    certificate-authority-data: "
            + Base64.getEncoder()
                .encodeToString(kube.servingCaPem().getBytes(StandardCharsets.US_ASCII))
            + "\nusers:\n- name: anonymous\n  user:\n    username: anonymous\n"
            + "    password: ignored-by-kubernetes\n"
            + "contexts:\n- name: c\n  context:\n    cluster: c\n    user: anonymous\n"
            + "current-context: c\n";
    return Files.writeString(workDirectory.resolve("anonymous.yaml"), yaml);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static String available(String name) {
    for (JsonNode condition : apiService(name).path("status").path("conditions")) {
      if (condition.path("type").asText().equals("Available")) {
        return condition.path("status").asText();
      }
    }
    return "missing";
  }

  private static JsonNode apiService(String name) {
    return JSON.valueToTree(
        kube.adminClient().genericKubernetesResources(API_SERVICES).withName(name).get());
  }

  private static JsonNode authenticatorStatus() {
    GenericKubernetesResource resource =
        kube.adminClient()
            .genericKubernetesResources(JWT_AUTHENTICATORS)
            .withName(AUTHENTICATOR)
            .get();
    return JSON.valueToTree(resource.getAdditionalProperties().get("status"));
  }

  private static ObjectNode pointAtConcierge(ObjectNode apiService) {
    ((ObjectNode) apiService.path("spec").path("service")).put("port", concierge.port());
    return apiService;
  }

  /** Creates or updates every document of a manifest file, after {@code change}. */
  private static void apply(Path manifest, UnaryOperator<ObjectNode> change) throws IOException {
    for (ObjectNode document : documents(manifest)) {
      serverSideApply(change.apply(document));
    }
  }

  /** Applies the documents of a manifest file whose name is {@code name}. */
  private static void applyNamed(Path manifest, String name) throws IOException {
    for (ObjectNode document : documents(manifest)) {
      if (document.path("metadata").path("name").asText().equals(name)) {
        serverSideApply(document);
      }
    }
  }

  private static void serverSideApply(ObjectNode document) {
    KubernetesClient client = kube.adminClient();
    client
        .resource(
            client
                .getKubernetesSerialization()
                .convertValue(document, GenericKubernetesResource.class))
        .serverSideApply();
  }

  private static List<ObjectNode> documents(Path manifest) throws IOException {
    List<ObjectNode> documents = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(manifest.toFile())) {
      for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (document instanceof ObjectNode object) {
          documents.add(object);
        }
      }
    }
    return documents;
  }
}
