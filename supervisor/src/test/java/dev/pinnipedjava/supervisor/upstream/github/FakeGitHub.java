package dev.pinnipedjava.supervisor.upstream.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An HTTP double of a GitHub Enterprise Server on 127.0.0.1 over TLS (its own CA), answering as
 * GitHub does: the OAuth authorize page approves at once and redirects with the next code; the code
 * exchange needs the right client credentials and a code that was not used yet, and answers its
 * errors with 200 and an {@code error} member; the REST API under {@code /api/v3} needs the token
 * as a bearer token (else 401 "Bad credentials") and pages lists with {@code Link} headers, {@link
 * #PAGE_SIZE} items a page.
 */
final class FakeGitHub implements AutoCloseable {
  static final String CLIENT_ID = "github-client-id";
  static final String CLIENT_SECRET = "github-client-secret";
  static final int PAGE_SIZE = 2;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] KEYSTORE_PASSWORD = "fake-github-keystore".toCharArray();

  private final WireMockServer server;
  private final CertificateAuthority ca;
  private final Path directory;
  private final Map<String, List<StubMapping>> stubsByToken = new ConcurrentHashMap<>();

  /** A team of an organization. */
  record Team(String organization, String name, String slug) {}

  /** A GitHub user, their organizations and their teams. */
  record User(String login, long id, List<String> organizations, List<Team> teams) {}

  private FakeGitHub(WireMockServer server, CertificateAuthority ca, Path directory) {
    this.server = server;
    this.ca = ca;
    this.directory = directory;
  }

  static FakeGitHub start() {
    Path directory;
    try {
      directory = Files.createTempDirectory("fake-github-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CertificateAuthority ca =
        CertificateAuthority.create(
            "fake-github-ca", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom());
    IssuedCertificate serving =
        ca.issueServingCertificate(
            "127.0.0.1",
            List.of(),
            List.of(InetAddress.getLoopbackAddress()),
            Duration.ofHours(12));
    Path keystore = directory.resolve("serving.p12");
    writeKeystore(serving, keystore);
    WireMockServer server =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(keystore.toString())
                .keystoreType("PKCS12")
                .keystorePassword(new String(KEYSTORE_PASSWORD))
                .keyManagerPassword(new String(KEYSTORE_PASSWORD)));
    server.start();
    FakeGitHub github = new FakeGitHub(server, ca, directory);
    github.stubFallbacks();
    return github;
  }

  private static void writeKeystore(IssuedCertificate serving, Path path) {
    try (OutputStream out = Files.newOutputStream(path)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "serving",
          serving.privateKey(),
          KEYSTORE_PASSWORD,
          serving.chain().toArray(new X509Certificate[0]));
      store.store(out, KEYSTORE_PASSWORD);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What GitHub answers to requests no login set up: bad credentials of every kind. */
  private void stubFallbacks() {
    server.stubFor(
        post(urlPathEqualTo("/login/oauth/access_token"))
            .atPriority(9)
            .willReturn(
                okJson(
                    json(
                        Map.of(
                            "error", "incorrect_client_credentials",
                            "error_description",
                                "The client_id and/or client_secret passed are incorrect.")))));
    server.stubFor(
        post(urlPathEqualTo("/login/oauth/access_token"))
            .atPriority(5)
            .withFormParam("client_id", equalTo(CLIENT_ID))
            .withFormParam("client_secret", equalTo(CLIENT_SECRET))
            .willReturn(
                okJson(
                    json(
                        Map.of(
                            "error", "bad_verification_code",
                            "error_description", "The code passed is incorrect or expired.")))));
    server.stubFor(
        get(urlPathMatching("/api/v3/.*"))
            .atPriority(9)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(json(Map.of("message", "Bad credentials")))));
    server.stubFor(
        get(anyUrl())
            .atPriority(10)
            .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
  }

  /** {@code 127.0.0.1:<port>}, as {@code spec.githubAPI.host}. */
  String host() {
    return "127.0.0.1:" + server.httpsPort();
  }

  String baseUrl() {
    return "https://" + host();
  }

  String caPem() {
    return ca.certificatePem();
  }

  /** The CA as {@code spec.githubAPI.tls.certificateAuthorityData}. */
  String caBase64() {
    return Base64.getEncoder().encodeToString(caPem().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The next approval at the authorize page redirects with {@code code}, which GitHub exchanges
   * once for {@code token}, which reads {@code user}.
   */
  void approveNextLogin(User user, String code, String token) {
    server.stubFor(
        get(urlPathEqualTo("/login/oauth/authorize"))
            .withQueryParam("client_id", equalTo(CLIENT_ID))
            .withQueryParam("scope", equalTo("read:user read:org"))
            .withQueryParam("state", containing(""))
            .withQueryParam("redirect_uri", containing("https://"))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader(
                        "Location",
                        "{{request.query.redirect_uri}}?code="
                            + code
                            + "&state={{urlEncode request.query.state}}")
                    .withTransformers("response-template")));
    String scenario = "code " + code;
    server.stubFor(
        post(urlPathEqualTo("/login/oauth/access_token"))
            .atPriority(1)
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("used")
            .withHeader("Accept", containing("application/json"))
            .withFormParam("client_id", equalTo(CLIENT_ID))
            .withFormParam("client_secret", equalTo(CLIENT_SECRET))
            .withFormParam("code", equalTo(code))
            .willReturn(
                okJson(
                    json(
                        Map.of(
                            "access_token", token,
                            "token_type", "bearer",
                            "scope", "read:org,read:user")))));
    serve(token, user);
  }

  /** The API answers {@code token} with {@code user} (replacing what it answered before). */
  void serve(String token, User user) {
    revoke(token);
    List<StubMapping> stubs = new ArrayList<>();
    stubs.add(
        server.stubFor(
            withToken(get(urlPathEqualTo("/api/v3/user")), token)
                .willReturn(
                    okJson(json(Map.of("login", user.login(), "id", user.id(), "type", "User"))))));
    stubs.addAll(
        pages(
            "/api/v3/user/orgs",
            token,
            user.organizations().stream()
                .map(organization -> (Object) Map.of("login", organization))
                .toList()));
    stubs.addAll(
        pages(
            "/api/v3/user/teams",
            token,
            user.teams().stream()
                .map(
                    team ->
                        (Object)
                            Map.of(
                                "name",
                                team.name(),
                                "slug",
                                team.slug(),
                                "organization",
                                Map.of("login", team.organization())))
                .toList()));
    stubsByToken.put(token, stubs);
  }

  /** From now on the API refuses {@code token}, as after the user revoked the app. */
  void revoke(String token) {
    List<StubMapping> stubs = stubsByToken.remove(token);
    if (stubs != null) {
      stubs.forEach(server::removeStub);
    }
  }

  private List<StubMapping> pages(String path, String token, List<Object> items) {
    int count = Math.max(1, (items.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    List<StubMapping> stubs = new ArrayList<>();
    for (int page = 1; page <= count; page++) {
      List<Object> slice =
          items.subList((page - 1) * PAGE_SIZE, Math.min(items.size(), page * PAGE_SIZE));
      MappingBuilder request = withToken(get(urlPathEqualTo(path)), token);
      request =
          page == 1
              ? request.withQueryParam("page", absent())
              : request.withQueryParam("page", equalTo(Integer.toString(page)));
      var response = okJson(json(slice));
      if (page < count) {
        response =
            response.withHeader(
                "Link",
                "<%s%s?per_page=100&page=%d>; rel=\"next\", <%s%s?per_page=100&page=%d>; rel=\"last\""
                    .formatted(baseUrl(), path, page + 1, baseUrl(), path, count));
      }
      stubs.add(server.stubFor(request.willReturn(response)));
    }
    return stubs;
  }

  private static MappingBuilder withToken(MappingBuilder request, String token) {
    return request
        .atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + token))
        .withHeader("Accept", equalTo("application/vnd.github+json"));
  }

  /** How many requests reached {@code path}. */
  int requestsTo(String path) {
    return (int)
        server.getAllServeEvents().stream()
            .filter(event -> event.getRequest().getUrl().startsWith(path))
            .count();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops answering: the host becomes unreachable. */
  void stop() {
    server.stop();
  }

  @Override
  public void close() {
    server.stop();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
