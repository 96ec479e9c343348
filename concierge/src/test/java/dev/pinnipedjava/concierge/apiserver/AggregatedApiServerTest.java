package dev.pinnipedjava.concierge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.aggregatedapi.apicerts.AggregationCertificates;
import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiserver.AggregatedApiServer;
import dev.pinnipedjava.aggregatedapi.apiserver.ApiJson;
import dev.pinnipedjava.aggregatedapi.apiserver.ApiRouter;
import dev.pinnipedjava.aggregatedapi.apiserver.HealthChecks;
import dev.pinnipedjava.aggregatedapi.frontproxy.FrontProxyAuthenticator;
import dev.pinnipedjava.aggregatedapi.frontproxy.RequestHeaderConfig;
import dev.pinnipedjava.aggregatedapi.openapi.OpenApiDocuments;
import dev.pinnipedjava.aggregatedapi.tls.ClientCertificateRequest;
import dev.pinnipedjava.aggregatedapi.tls.ServingKeyManager;
import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.concierge.audit.AuditLogger;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorKey;
import dev.pinnipedjava.concierge.certissuer.CertificateAuthorityIssuer;
import dev.pinnipedjava.concierge.credentialrequest.TokenCredentialRequestHandler;
import dev.pinnipedjava.concierge.credentialrequest.TokenCredentialRequestResource;
import dev.pinnipedjava.concierge.whoami.WhoAmIRequestHandler;
import dev.pinnipedjava.concierge.whoami.WhoAmIRequestResource;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.pki.Pem;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The aggregated API server over real HTTPS: every endpoint, every error Status. */
class AggregatedApiServerTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOOD_TOKEN = "good-token";

  private static final ApiResource TCR = TokenCredentialRequestResource.of(ApiGroupSuffix.DEFAULT);
  private static final ApiResource WHOAMI = WhoAmIRequestResource.of(ApiGroupSuffix.DEFAULT);
  private static final String LOGIN = "/apis/login.concierge.pinniped.dev/v1alpha1";
  private static final String IDENTITY = "/apis/identity.concierge.pinniped.dev/v1alpha1";
  private static final String TCRS = LOGIN + "/tokencredentialrequests";
  private static final String WHOAMIS = IDENTITY + "/whoamirequests";
  private static final String TCR_BODY =
      "{\"apiVersion\":\"login.concierge.pinniped.dev/v1alpha1\",\"kind\":\"TokenCredentialRequest\","
          + "\"spec\":{\"token\":\""
          + GOOD_TOKEN
          + "\",\"authenticator\":{\"apiGroup\":\"authentication.concierge.pinniped.dev\","
          + "\"kind\":\"JWTAuthenticator\",\"name\":\"test\"}}}";
  private static final String WHOAMI_BODY =
      "{\"apiVersion\":\"identity.concierge.pinniped.dev/v1alpha1\",\"kind\":\"WhoAmIRequest\"}";

  private static final CertificateAuthority FRONT_PROXY_CA =
      CertificateAuthority.create("front-proxy-ca", Duration.ofDays(1), CLOCK, RANDOM);
  private static final CertificateAuthority CLIENT_CA =
      CertificateAuthority.create("client-ca", Duration.ofDays(1), CLOCK, RANDOM);
  private static final List<String> AUDIT = new CopyOnWriteArrayList<>();

  private static Vertx vertx;
  private static AggregatedApiServer server;
  private static AggregationCertificates certificates;
  private static int port;

  @BeforeAll
  static void startServer() {
    vertx = Vertx.vertx();
    ApiJson json = new ApiJson();
    AuthenticatorCache authenticators = new AuthenticatorCache();
    authenticators.put(
        new AuthenticatorKey("authentication.concierge.pinniped.dev", "JWTAuthenticator", "test"),
        token ->
            token.equals(GOOD_TOKEN)
                ? new AuthenticationResult.Authenticated(
                    KubernetesUser.of("pat", List.of("devs", "ops")))
                : new AuthenticationResult.Rejected("not the good token"));
    RequestHeaderConfig frontProxy =
        new RequestHeaderConfig(
            List.of(FRONT_PROXY_CA.certificate()),
            List.of("front-proxy-client"),
            List.of("X-Remote-User"),
            List.of(),
            List.of("X-Remote-Group"),
            List.of("X-Remote-Extra-"));
    ApiRouter router =
        new ApiRouter(
            List.of(
                new TokenCredentialRequestHandler(
                    TCR,
                    authenticators,
                    () -> Optional.of(new CertificateAuthorityIssuer(CLIENT_CA)),
                    new AuditLogger(AUDIT::add, CLOCK, false, json.mapper())),
                new WhoAmIRequestHandler(WHOAMI)),
            new OpenApiDocuments(List.of(TCR, WHOAMI), json.mapper(), "test", "v0"),
            new FrontProxyAuthenticator(() -> Optional.of(frontProxy), CLOCK),
            new HealthChecks(List.of(new HealthChecks.Check("always", () -> true))),
            json);
    certificates =
        AggregationCertificates.create(
            "pinniped-concierge-api", "pinniped-concierge", Duration.ofDays(1), CLOCK, RANDOM);
    ServingKeyManager servingKeys = new ServingKeyManager();
    servingKeys.set(certificates.serving());
    server =
        new AggregatedApiServer(
            vertx,
            router,
            servingKeys,
            new ClientCertificateRequest(() -> List.of(FRONT_PROXY_CA.certificate())),
            TlsProfile.SECURE,
            "127.0.0.1",
            0,
            () -> "generated-audit-id");
    port = server.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /** Who the client is at the TLS layer. */
  enum Client {
    /** No client certificate. */
    ANONYMOUS,
    /** The kube-apiserver's front-proxy certificate, sending user {@code pat}. */
    FRONT_PROXY,
    /** A certificate of a CA the server does not trust for anything. */
    STRANGER
  }

  /** One request and the Status it must get. */
  record Case(
      String name,
      Client client,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      int wantCode,
      String wantReason,
      String wantMessage) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case error(
      String name,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      int code,
      String reason,
      String message) {
    return new Case(name, Client.ANONYMOUS, method, path, headers, body, code, reason, message);
  }

  static Map<String, String> json() {
    return Map.of("Content-Type", "application/json");
  }

  static Stream<Case> errorCases() {
    String notFound = "the server could not find the requested resource";
    String notAllowed = "the server does not allow this method on the requested resource";
    return Stream.of(
        error("unknown path", "GET", "/nope", Map.of(), "", 404, "NotFound", notFound),
        error(
            "unknown group",
            "GET",
            "/apis/nope.example.com",
            Map.of(),
            "",
            404,
            "NotFound",
            notFound),
        error(
            "unknown version",
            "GET",
            "/apis/login.concierge.pinniped.dev/v2",
            Map.of(),
            "",
            404,
            "NotFound",
            notFound),
        error("unknown resource", "GET", LOGIN + "/nopes", Map.of(), "", 404, "NotFound", notFound),
        error("single object", "GET", TCRS + "/some-name", Map.of(), "", 404, "NotFound", notFound),
        error(
            "namespaced path",
            "GET",
            LOGIN + "/namespaces/default/tokencredentialrequests",
            Map.of(),
            "",
            404,
            "NotFound",
            notFound),
        error(
            "unknown OpenAPI path",
            "GET",
            "/openapi/v3/apis/nope/v1",
            Map.of(),
            "",
            404,
            "NotFound",
            notFound),
        error(
            "delete collection", "DELETE", TCRS, Map.of(), "", 405, "MethodNotAllowed", notAllowed),
        error(
            "put collection",
            "PUT",
            WHOAMIS,
            json(),
            WHOAMI_BODY,
            405,
            "MethodNotAllowed",
            notAllowed),
        error(
            "post to discovery",
            "POST",
            "/apis",
            json(),
            "{}",
            405,
            "MethodNotAllowed",
            notAllowed),
        error(
            "post to OpenAPI",
            "POST",
            "/openapi/v2",
            json(),
            "{}",
            405,
            "MethodNotAllowed",
            notAllowed),
        error(
            "post to health",
            "POST",
            "/healthz",
            json(),
            "{}",
            405,
            "MethodNotAllowed",
            notAllowed),
        error(
            "watch",
            "GET",
            TCRS + "?watch=true",
            Map.of(),
            "",
            405,
            "MethodNotAllowed",
            "watch is not supported on resources of kind \"tokencredentialrequests.login.concierge.pinniped.dev\""),
        error(
            "body as text",
            "POST",
            TCRS,
            Map.of("Content-Type", "text/plain"),
            TCR_BODY,
            415,
            "UnsupportedMediaType",
            "accepted media types include: application/json"),
        error(
            "body as protobuf",
            "POST",
            TCRS,
            Map.of("Content-Type", "application/vnd.kubernetes.protobuf"),
            TCR_BODY,
            415,
            "UnsupportedMediaType",
            "unknown format"),
        error(
            "only protobuf accepted",
            "POST",
            TCRS,
            Map.of(
                "Content-Type",
                "application/json",
                "Accept",
                "application/vnd.kubernetes.protobuf"),
            TCR_BODY,
            406,
            "NotAcceptable",
            "only the following media types are accepted: application/json"),
        error(
            "discovery as aggregated discovery only",
            "GET",
            "/apis",
            Map.of(
                "Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"),
            "",
            406,
            "NotAcceptable",
            "only the following media types"),
        error(
            "malformed JSON",
            "POST",
            TCRS,
            json(),
            "{\"spec\": {\"token\": \"secret-token-value\"",
            400,
            "BadRequest",
            "json parse error"),
        error(
            "JSON that is not an object",
            "POST",
            TCRS,
            json(),
            "[1,2]",
            400,
            "BadRequest",
            "is not a JSON object"),
        error(
            "wrong apiVersion",
            "POST",
            TCRS,
            json(),
            "{\"apiVersion\":\"identity.concierge.pinniped.dev/v1alpha1\",\"kind\":\"TokenCredentialRequest\"}",
            400,
            "BadRequest",
            "the API version in the data (identity.concierge.pinniped.dev/v1alpha1) does not match the expected API version (login.concierge.pinniped.dev/v1alpha1)"),
        error(
            "wrong kind",
            "POST",
            TCRS,
            json(),
            "{\"kind\":\"WhoAmIRequest\"}",
            400,
            "BadRequest",
            "kind \"WhoAmIRequest\" is not served at"),
        error(
            "wrong field type",
            "POST",
            TCRS,
            json(),
            "{\"spec\":{\"token\":5}}",
            400,
            "BadRequest",
            "cannot decode spec.token"),
        error(
            "unknown field, strict",
            "POST",
            TCRS + "?fieldValidation=Strict",
            json(),
            "{\"spec\":{\"token\":\"t\",\"tokne\":\"x\"},\"extra\":1}",
            400,
            "BadRequest",
            "strict decoding error: unknown field \"spec.tokne\", unknown field \"extra\""),
        error(
            "unknown fieldValidation",
            "POST",
            TCRS + "?fieldValidation=Loose",
            json(),
            TCR_BODY,
            400,
            "BadRequest",
            "fieldValidation: Unsupported value: \"Loose\""),
        error(
            "no token",
            "POST",
            TCRS,
            json(),
            "{\"spec\":{}}",
            422,
            "Invalid",
            "TokenCredentialRequest.login.concierge.pinniped.dev \"\" is invalid: spec.token.value: Required value: token must be supplied"),
        error(
            "no spec",
            "POST",
            TCRS,
            json(),
            "{}",
            422,
            "Invalid",
            "spec.token.value: Required value"),
        error(
            "dry run of TokenCredentialRequest",
            "POST",
            TCRS + "?dryRun=All",
            json(),
            TCR_BODY,
            422,
            "Invalid",
            "dryRun: Unsupported value: [\"All\"]"),
        error(
            "dry run of WhoAmIRequest",
            "POST",
            WHOAMIS + "?dryRun=All",
            json(),
            WHOAMI_BODY,
            422,
            "Invalid",
            "WhoAmIRequest.identity.concierge.pinniped.dev \"\" is invalid: dryRun"),
        error(
            "body over 3 MiB",
            "POST",
            TCRS,
            json(),
            "x".repeat(3 * 1024 * 1024 + 1),
            413,
            "RequestEntityTooLarge",
            "Request entity too large"),
        new Case(
            "certificate of an unknown CA",
            Client.STRANGER,
            "GET",
            "/apis",
            Map.of(),
            "",
            401,
            "Unauthorized",
            "Unauthorized"),
        new Case(
            "front proxy without user header",
            Client.FRONT_PROXY,
            "GET",
            "/apis",
            Map.of("X-Remote-User", ""),
            "",
            401,
            "Unauthorized",
            "Unauthorized"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorCases")
  void errorsAreKubernetesStatuses(Case testCase) throws Exception {
    HttpResponse<String> response =
        send(
            testCase.client(),
            testCase.method(),
            testCase.path(),
            testCase.headers(),
            testCase.body());

    assertThat(response.statusCode()).isEqualTo(testCase.wantCode());
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode status = JSON.readTree(response.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(status.path("status").asText()).isEqualTo("Failure");
    assertThat(status.path("code").asInt()).isEqualTo(testCase.wantCode());
    assertThat(status.path("reason").asText()).isEqualTo(testCase.wantReason());
    assertThat(status.path("message").asText()).contains(testCase.wantMessage());
    // A body may carry a token; no error may echo it.
    assertThat(response.body()).doesNotContain("secret-token-value").doesNotContain(GOOD_TOKEN);
  }

  /** A successful request and what its answer must contain. */
  record Success(
      String name,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      int wantCode,
      String wantKind) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Success> successCases() {
    return Stream.of(
        new Success("group list", "GET", "/apis", Map.of(), "", 200, "APIGroupList"),
        new Success(
            "group list with trailing slash", "GET", "/apis/", Map.of(), "", 200, "APIGroupList"),
        new Success(
            "login group",
            "GET",
            "/apis/login.concierge.pinniped.dev",
            Map.of(),
            "",
            200,
            "APIGroup"),
        new Success("identity resources", "GET", IDENTITY, Map.of(), "", 200, "APIResourceList"),
        new Success(
            "login resources, kubectl's Accept",
            "GET",
            LOGIN,
            Map.of(
                "Accept",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"),
            "",
            200,
            "APIResourceList"),
        new Success("list", "GET", TCRS, Map.of(), "", 200, "TokenCredentialRequestList"),
        new Success(
            "list as a table",
            "GET",
            WHOAMIS,
            Map.of("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"),
            "",
            200,
            "Table"),
        new Success(
            "create WhoAmIRequest", "POST", WHOAMIS, json(), WHOAMI_BODY, 201, "WhoAmIRequest"),
        new Success(
            "create without a Content-Type, which means JSON",
            "POST",
            WHOAMIS,
            Map.of(),
            WHOAMI_BODY,
            201,
            "WhoAmIRequest"),
        new Success(
            "create WhoAmIRequest without apiVersion and kind",
            "POST",
            WHOAMIS,
            json(),
            "{}",
            201,
            "WhoAmIRequest"),
        new Success(
            "create TokenCredentialRequest",
            "POST",
            TCRS,
            json(),
            TCR_BODY,
            201,
            "TokenCredentialRequest"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("successCases")
  void serves(Success testCase) throws Exception {
    HttpResponse<String> response =
        send(
            Client.ANONYMOUS,
            testCase.method(),
            testCase.path(),
            testCase.headers(),
            testCase.body());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(testCase.wantCode());
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(JSON.readTree(response.body()).path("kind").asText()).isEqualTo(testCase.wantKind());
  }

  @Test
  void discoveryListsBothResourcesWithTheirVerbs() throws Exception {
    JsonNode resources = JSON.readTree(get(Client.ANONYMOUS, LOGIN).body()).path("resources");

    assertThat(resources).hasSize(1);
    JsonNode resource = resources.get(0);
    assertThat(resource.path("name").asText()).isEqualTo("tokencredentialrequests");
    assertThat(resource.path("singularName").asText()).isEqualTo("tokencredentialrequest");
    assertThat(resource.path("kind").asText()).isEqualTo("TokenCredentialRequest");
    assertThat(resource.path("namespaced").asBoolean()).isFalse();
    assertThat(resource.path("verbs").toString()).isEqualTo("[\"create\",\"list\"]");
    assertThat(resource.path("categories").toString()).isEqualTo("[\"pinniped\"]");
  }

  @Test
  void listIsEmptyFromTheCache() throws Exception {
    JsonNode list = JSON.readTree(get(Client.ANONYMOUS, TCRS).body());

    assertThat(list.toString())
        .isEqualTo(
            "{\"kind\":\"TokenCredentialRequestList\",\"apiVersion\":\"login.concierge.pinniped.dev/v1alpha1\","
                + "\"metadata\":{\"resourceVersion\":\"0\"},\"items\":[]}");
  }

  @Test
  void whoAmIEchoesTheFrontProxyUser() throws Exception {
    HttpResponse<String> response =
        send(
            Client.FRONT_PROXY,
            "POST",
            WHOAMIS,
            Map.of("Content-Type", "application/json", "X-Remote-Extra-Scopes", "read"),
            WHOAMI_BODY);

    JsonNode user =
        JSON.readTree(response.body()).path("status").path("kubernetesUserInfo").path("user");
    assertThat(user.toString())
        .isEqualTo(
            "{\"username\":\"pat\",\"groups\":[\"devs\",\"system:authenticated\"],\"extra\":{\"scopes\":[\"read\"]}}");
  }

  @Test
  void whoAmIOfAnAnonymousCaller() throws Exception {
    JsonNode user =
        JSON.readTree(send(Client.ANONYMOUS, "POST", WHOAMIS, json(), WHOAMI_BODY).body())
            .path("status")
            .path("kubernetesUserInfo")
            .path("user");

    assertThat(user.toString())
        .isEqualTo("{\"username\":\"system:anonymous\",\"groups\":[\"system:unauthenticated\"]}");
  }

  @Test
  void tokenCredentialRequestReturnsAFiveMinuteClientCertificate() throws Exception {
    JsonNode credential =
        JSON.readTree(send(Client.ANONYMOUS, "POST", TCRS, json(), TCR_BODY).body())
            .path("status")
            .path("credential");

    X509Certificate certificate =
        Pem.decodeCertificate(credential.path("clientCertificateData").asText());
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=pat,O=ops,O=devs");
    assertThat(Pem.decodePrivateKey(credential.path("clientKeyData").asText()).getAlgorithm())
        .isEqualTo("EC");
    assertThat(credential.path("expirationTimestamp").asText())
        .isEqualTo(certificate.getNotAfter().toInstant().toString());
    certificate.verify(CLIENT_CA.certificate().getPublicKey());
  }

  @Test
  void rejectedTokenGetsTheGenericFailureAndTheReasonGoesToTheAuditLog() throws Exception {
    AUDIT.clear();
    String body = TCR_BODY.replace(GOOD_TOKEN, "secret-token-value");

    HttpResponse<String> response =
        send(
            Client.ANONYMOUS,
            "POST",
            TCRS,
            Map.of("Content-Type", "application/json", "Audit-Id", "abc-123"),
            body);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(response.body()).path("status").toString())
        .isEqualTo("{\"message\":\"authentication failed\"}");
    assertThat(response.headers().firstValue("Audit-Id")).contains("abc-123");
    assertThat(AUDIT).hasSize(2);
    assertThat(AUDIT.get(1))
        .contains("\"message\":\"TokenCredentialRequest Authentication Failed\"")
        .contains("\"auditID\":\"abc-123\"")
        .contains("not the good token");
    assertThat(String.join("\n", AUDIT)).doesNotContain("secret-token-value");
  }

  @Test
  void unknownFieldsAreWarningsByDefault() throws Exception {
    HttpResponse<String> response =
        send(Client.ANONYMOUS, "POST", WHOAMIS, json(), "{\"spec\":{},\"specs\":{}}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().allValues("Warning"))
        .containsExactly("299 - \"unknown field \\\"specs\\\"\"");
  }

  @Test
  void healthEndpointsAnswerWithoutIdentity() throws Exception {
    for (String path : List.of("/healthz", "/livez", "/readyz")) {
      HttpResponse<String> response = get(Client.STRANGER, path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).isEqualTo("ok");
    }
    assertThat(get(Client.ANONYMOUS, "/readyz?verbose").body())
        .isEqualTo("[+]ping ok\n[+]always ok\nreadyz check passed\n");
  }

  @Test
  void openApiDocumentsAreServed() throws Exception {
    JsonNode v3 = JSON.readTree(get(Client.ANONYMOUS, "/openapi/v3").body());
    String url =
        v3.path("paths")
            .path("apis/login.concierge.pinniped.dev/v1alpha1")
            .path("serverRelativeURL")
            .asText();
    assertThat(url).startsWith("/openapi/v3/apis/login.concierge.pinniped.dev/v1alpha1?hash=");

    assertThat(JSON.readTree(get(Client.ANONYMOUS, url).body()).path("openapi").asText())
        .isEqualTo("3.0.0");
    assertThat(JSON.readTree(get(Client.ANONYMOUS, "/openapi/v2").body()).path("swagger").asText())
        .isEqualTo("2.0");
  }

  @Test
  void http11WorksAsWellAsHttp2() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(TestTls.client(certificates.authority().certificate(), null))
            .build();

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/apis")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
  }

  @Test
  void tls12IsRefused() {
    SSLParameters tls12 = new SSLParameters();
    tls12.setProtocols(new String[] {"TLSv1.2"});
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TestTls.client(certificates.authority().certificate(), null))
            .sslParameters(tls12)
            .build();

    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(uri("/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  private static HttpResponse<String> get(Client client, String path)
      throws IOException, InterruptedException {
    return send(client, "GET", path, Map.of(), "");
  }

  private static HttpResponse<String> send(
      Client client, String method, String path, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    @Nullable IssuedCertificate certificate =
        switch (client) {
          case ANONYMOUS -> null;
          case FRONT_PROXY ->
              FRONT_PROXY_CA.issueClientCertificate(
                  "front-proxy-client", List.of(), Duration.ofHours(1));
          case STRANGER ->
              CLIENT_CA.issueClientCertificate(
                  "front-proxy-client", List.of(), Duration.ofHours(1));
        };
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(TestTls.client(certificates.authority().certificate(), certificate))
            .build();
    Map<String, String> allHeaders = new LinkedHashMap<>();
    if (client == Client.FRONT_PROXY) {
      allHeaders.put("X-Remote-User", "pat");
      allHeaders.put("X-Remote-Group", "devs");
    }
    allHeaders.putAll(headers);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    allHeaders.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("https://127.0.0.1:" + port + path);
  }
}
