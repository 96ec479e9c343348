package dev.pinnipedjava.supervisor.upstream.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubAPIConfig;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubAllowAuthenticationSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubAllowedAuthOrganizationsPolicy;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubClaims;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubClientSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubGroupNameAttribute;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubOrganizationsSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubUsernameAttribute;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.TLSSpec;
import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.conditions.StatusWriter;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsConfiguration;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import dev.pinnipedjava.testkit.clock.MutableClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Browser logins with GitHub over HTTP, through one issuer's endpoints and an HTTP double of a
 * GitHub Enterprise Server: authorize, GitHub's redirect back, callback, the code redeemed and
 * refreshed; the organization policy, the mapping of teams to groups across pages, and each way a
 * login or refresh fails.
 */
class GitHubLoginIT {
  private static final String NAMESPACE = "supervisor";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger LOGINS = new AtomicInteger();

  private static final FakeGitHub.User OCTOCAT =
      new FakeGitHub.User(
          "octocat",
          1234,
          List.of("other-org", "Pinniped-Org"),
          List.of(
              new FakeGitHub.Team("Pinniped-Org", "Kube Admins", "kube-admins"),
              new FakeGitHub.Team("other-org", "Other Team", "other-team"),
              new FakeGitHub.Team("Pinniped-Org", "Readers", "readers")));

  private static FakeGitHub github;
  private static HttpClient browser;
  private @Nullable IssuerHarness harness;

  @BeforeAll
  static void startGitHub() {
    github = FakeGitHub.start();
    browser = browserTrusting(github.caPem());
  }

  @AfterAll
  static void stopGitHub() {
    github.close();
  }

  @AfterEach
  void stopIssuer() {
    if (harness != null) {
      harness.close();
    }
  }

  /** How a GitHubIdentityProvider is configured. */
  record Config(
      GitHubAllowedAuthOrganizationsPolicy policy,
      List<String> allowed,
      GitHubUsernameAttribute username,
      GitHubGroupNameAttribute groups,
      String clientSecret) {
    static Config onlyPinnipedOrg() {
      return new Config(
          GitHubAllowedAuthOrganizationsPolicy.ONLY_USERS_FROM_ALLOWED_ORGANIZATIONS,
          List.of("pinniped-org"),
          GitHubUsernameAttribute.LOGIN_AND_ID,
          GitHubGroupNameAttribute.SLUG,
          FakeGitHub.CLIENT_SECRET);
    }

    Config claims(GitHubUsernameAttribute newUsername, GitHubGroupNameAttribute newGroups) {
      return new Config(policy, allowed, newUsername, newGroups, clientSecret);
    }

    Config everyone() {
      return new Config(
          GitHubAllowedAuthOrganizationsPolicy.ALL_GITHUB_USERS,
          List.of(),
          username,
          groups,
          clientSecret);
    }

    Config clientSecret(String newClientSecret) {
      return new Config(policy, allowed, username, groups, newClientSecret);
    }
  }

  /** The provider the controller makes of {@code config} for {@code server}. */
  private static UpstreamIdentityProvider provider(Config config, FakeGitHub server) {
    InMemoryResourceCache<GitHubIdentityProvider> resources = InMemoryResourceCache.create();
    InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
    InMemoryResourceCache<ConfigMap> configMaps = InMemoryResourceCache.create();
    UpstreamRegistry registry = new UpstreamRegistry();
    secrets.put(
        GitHubUpstreamControllerTest.secret(
            "github-client",
            GitHubUpstreamController.CLIENT_SECRET_TYPE,
            Map.of("clientID", FakeGitHub.CLIENT_ID, "clientSecret", config.clientSecret())));
    GitHubIdentityProvider resource = new GitHubIdentityProvider();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(NAMESPACE)
            .withName("github")
            .withUid("github-uid")
            .withGeneration(1L)
            .build());
    resource.setSpec(
        new GitHubIdentityProviderSpec(
            new GitHubAPIConfig(server.host(), new TLSSpec(server.caBase64(), null)),
            new GitHubClaims(config.username(), config.groups()),
            new GitHubAllowAuthenticationSpec(
                new GitHubOrganizationsSpec(
                    config.policy(), config.allowed().isEmpty() ? null : config.allowed())),
            new GitHubClientSpec("github-client")));
    resources.put(resource);
    new GitHubUpstreamController(
            resources,
            secrets,
            new UpstreamTlsConfiguration(secrets, configMaps),
            new StatusWriter((object, patch) -> {}, new KubernetesSerialization()),
            registry,
            new MutableClock(Instant.now()))
        .sync(new SyncContext(GitHubUpstreamController.NAME, Key.clusterScoped("all")));
    return registry
        .find(IdentityProviderKind.GITHUB, "github", "github-uid")
        .orElseThrow(() -> new AssertionError("the controller published no provider"));
  }

  private IssuerHarness start(Config config) {
    harness = IssuerHarness.start(provider(config, github));
    return harness;
  }

  /** What the issuer's redirect to GitHub gave the browser. */
  record GitHubRedirect(URI location, String cookie) {}

  private static GitHubRedirect authorize(IssuerHarness issuer) {
    HttpResponse<String> response =
        issuer.get(
            "/oauth2/authorize?"
                + IssuerHarness.encode(
                    IssuerHarness.with(
                        IssuerHarness.authorizeParameters(),
                        "pinniped_idp_name",
                        "display-github")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return new GitHubRedirect(
        URI.create(response.headers().firstValue("Location").orElseThrow()),
        setCookie.substring(0, setCookie.indexOf(';')));
  }

  /**
   * A login as {@code user}: authorize, GitHub's approval redirecting to the callback, and the
   * callback's answer.
   */
  private static HttpResponse<String> login(
      IssuerHarness issuer, FakeGitHub.User user, String token) {
    GitHubRedirect redirect = authorize(issuer);
    String code = "github-code-" + LOGINS.incrementAndGet();
    github.approveNextLogin(user, code, token);
    HttpResponse<String> approval = send(browser, HttpRequest.newBuilder(redirect.location()));
    assertThat(approval.statusCode()).as(approval.body()).isEqualTo(302);
    String callback = approval.headers().firstValue("Location").orElseThrow();
    assertThat(callback).startsWith(IssuerHarness.ISSUER + "/callback?code=" + code + "&state=");
    return issuer.get(
        callback.substring(IssuerHarness.ISSUER.length()), "Cookie", redirect.cookie());
  }

  private static Map<String, String> clientRedirect(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(IssuerHarness.CLI_REDIRECT + "?");
    return IssuerHarness.query(location);
  }

  @Test
  void browserLoginRedeemRefreshUntilTheTokenIsRevoked() throws ParseException {
    IssuerHarness issuer = start(Config.onlyPinnipedOrg());

    GitHubRedirect redirect = authorize(issuer);
    assertThat(redirect.location().toString())
        .startsWith(github.baseUrl() + "/login/oauth/authorize?");
    Map<String, String> upstream = IssuerHarness.query(redirect.location().toString());
    assertThat(upstream)
        .containsEntry("client_id", FakeGitHub.CLIENT_ID)
        .containsEntry("scope", "read:user read:org")
        .containsEntry("redirect_uri", IssuerHarness.ISSUER + "/callback")
        .containsKey("state")
        .doesNotContainKeys("nonce", "code_challenge");

    Map<String, String> query = clientRedirect(login(issuer, OCTOCAT, "token-octocat"));
    assertThat(query)
        .containsEntry("state", "client-state-123456")
        .containsEntry("iss", IssuerHarness.ISSUER);
    JsonNode tokens = token(issuer, redeemForm(IssuerHarness.required(query, "code")));
    JWTClaimsSet idToken = verified(issuer, tokens.path("id_token").asText());
    assertThat(idToken.getSubject())
        .isEqualTo(github.baseUrl() + "/api/v3?idpName=display-github&login=octocat&id=1234");
    assertThat(idToken.getStringClaim("username")).isEqualTo("octocat:1234");
    assertThat(idToken.getStringListClaim("groups"))
        .containsExactly("Pinniped-Org/kube-admins", "Pinniped-Org/readers");

    // Each refresh reads GitHub again with the stored token: new teams become groups.
    github.serve(
        "token-octocat",
        new FakeGitHub.User(
            "octocat",
            1234,
            OCTOCAT.organizations(),
            List.of(new FakeGitHub.Team("Pinniped-Org", "Readers", "readers"))));
    JsonNode refreshed = token(issuer, refreshForm(tokens.path("refresh_token").asText()));
    assertThat(verified(issuer, refreshed.path("id_token").asText()).getStringListClaim("groups"))
        .containsExactly("Pinniped-Org/readers");

    github.revoke("token-octocat");
    HttpResponse<String> revoked =
        issuer.postForm("/oauth2/token", refreshForm(refreshed.path("refresh_token").asText()));
    assertThat(revoked.statusCode()).isEqualTo(401);
    assertThat(revoked.body()).contains("Error during upstream refresh.");
  }

  @Test
  void refreshFailsOnceTheUserLeftTheAllowedOrganizations() {
    IssuerHarness issuer = start(Config.onlyPinnipedOrg());
    Map<String, String> query = clientRedirect(login(issuer, OCTOCAT, "token-leaver"));
    JsonNode tokens = token(issuer, redeemForm(IssuerHarness.required(query, "code")));

    github.serve(
        "token-leaver",
        new FakeGitHub.User("octocat", 1234, List.of("other-org"), OCTOCAT.teams()));
    HttpResponse<String> refresh =
        issuer.postForm("/oauth2/token", refreshForm(tokens.path("refresh_token").asText()));

    assertThat(refresh.statusCode()).isEqualTo(401);
  }

  @Test
  void refreshFailsWhenTheTokenNowBelongsToAnotherUser() {
    IssuerHarness issuer = start(Config.onlyPinnipedOrg());
    Map<String, String> query = clientRedirect(login(issuer, OCTOCAT, "token-renamed"));
    JsonNode tokens = token(issuer, redeemForm(IssuerHarness.required(query, "code")));

    github.serve(
        "token-renamed",
        new FakeGitHub.User("octocat-renamed", 1234, OCTOCAT.organizations(), OCTOCAT.teams()));
    HttpResponse<String> refresh =
        issuer.postForm("/oauth2/token", refreshForm(tokens.path("refresh_token").asText()));

    assertThat(refresh.statusCode()).isEqualTo(401);
  }

  /**
   * @param wantGroups the groups of the ID token; null when the login is refused
   */
  record Case(
      String name,
      Config config,
      FakeGitHub.User user,
      @Nullable String wantUsername,
      @Nullable List<String> wantGroups,
      @Nullable String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    Config only = Config.onlyPinnipedOrg();
    List<FakeGitHub.Team> manyTeams =
        List.of(
            new FakeGitHub.Team("org-1", "T1", "t1"),
            new FakeGitHub.Team("Pinniped-Org", "Team A", "team-a"),
            new FakeGitHub.Team("org-2", "T2", "t2"),
            new FakeGitHub.Team("org-3", "T3", "t3"),
            new FakeGitHub.Team("pinniped-org", "Team B", "team-b"));
    return Stream.of(
        new Case(
            "login:id and team slugs of the allowed organization",
            only,
            OCTOCAT,
            "octocat:1234",
            List.of("Pinniped-Org/kube-admins", "Pinniped-Org/readers"),
            null),
        new Case(
            "login and team names",
            only.claims(GitHubUsernameAttribute.LOGIN, GitHubGroupNameAttribute.NAME),
            OCTOCAT,
            "octocat",
            List.of("Pinniped-Org/Kube Admins", "Pinniped-Org/Readers"),
            null),
        new Case(
            "id",
            only.claims(GitHubUsernameAttribute.ID, GitHubGroupNameAttribute.SLUG),
            OCTOCAT,
            "1234",
            List.of("Pinniped-Org/kube-admins", "Pinniped-Org/readers"),
            null),
        new Case(
            "every GitHub user: teams of every organization",
            only.everyone(),
            OCTOCAT,
            "octocat:1234",
            List.of("Pinniped-Org/kube-admins", "Pinniped-Org/readers", "other-org/other-team"),
            null),
        new Case(
            "every GitHub user, in no organization",
            only.everyone(),
            new FakeGitHub.User("loner", 7, List.of(), List.of()),
            "loner:7",
            List.of(),
            null),
        new Case(
            "member of no allowed organization",
            only,
            new FakeGitHub.User("outsider", 99, List.of("other-org"), OCCUPIED_TEAMS),
            null,
            null,
            "access_denied"),
        new Case(
            "organizations and teams over several pages",
            only,
            new FakeGitHub.User(
                "pager", 5, List.of("org-1", "org-2", "org-3", "org-4", "PINNIPED-ORG"), manyTeams),
            "pager:5",
            List.of("Pinniped-Org/team-a", "pinniped-org/team-b"),
            null),
        new Case(
            "login Kubernetes reserves",
            only.claims(GitHubUsernameAttribute.LOGIN, GitHubGroupNameAttribute.SLUG),
            new FakeGitHub.User("system:admin", 8, List.of("pinniped-org"), List.of()),
            null,
            null,
            "access_denied"),
        new Case(
            "client secret GitHub does not accept",
            only.clientSecret("not-the-client-secret"),
            OCTOCAT,
            null,
            null,
            "server_error"));
  }

  private static final List<FakeGitHub.Team> OCCUPIED_TEAMS =
      List.of(new FakeGitHub.Team("other-org", "Other Team", "other-team"));

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsOrRefusesTheUser(Case test) throws ParseException {
    IssuerHarness issuer = start(test.config());

    Map<String, String> query =
        clientRedirect(login(issuer, test.user(), "token-" + LOGINS.incrementAndGet()));

    if (test.wantError() != null) {
      assertThat(query).containsEntry("error", test.wantError()).doesNotContainKey("code");
      return;
    }
    JWTClaimsSet idToken =
        verified(
            issuer,
            token(issuer, redeemForm(IssuerHarness.required(query, "code")))
                .path("id_token")
                .asText());
    assertThat(idToken.getStringClaim("username")).isEqualTo(test.wantUsername());
    List<String> groups = idToken.getStringListClaim("groups");
    assertThat(groups == null ? List.of() : groups)
        .containsExactlyElementsOf(java.util.Objects.requireNonNull(test.wantGroups()));
  }

  @Test
  void codeGitHubDoesNotKnowIsRefused() {
    IssuerHarness issuer = start(Config.onlyPinnipedOrg());
    GitHubRedirect redirect = authorize(issuer);
    String state =
        IssuerHarness.required(IssuerHarness.query(redirect.location().toString()), "state");

    HttpResponse<String> response =
        issuer.get(
            "/callback?code=made-up-code&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8),
            "Cookie",
            redirect.cookie());

    assertThat(clientRedirect(response)).containsEntry("error", "access_denied");
  }

  @Test
  void githubUnreachableAtLoginIsAServerError() {
    FakeGitHub vanishing = FakeGitHub.start();
    try {
      harness = IssuerHarness.start(provider(Config.onlyPinnipedOrg(), vanishing));
      GitHubRedirect redirect = authorize(harness);
      String state =
          IssuerHarness.required(IssuerHarness.query(redirect.location().toString()), "state");
      vanishing.stop();

      HttpResponse<String> response =
          harness.get(
              "/callback?code=any-code&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8),
              "Cookie",
              redirect.cookie());

      assertThat(clientRedirect(response)).containsEntry("error", "server_error");
    } finally {
      vanishing.close();
    }
  }

  private static Map<String, String> redeemForm(String code) {
    return Map.of(
        "grant_type",
        "authorization_code",
        "code",
        code,
        "client_id",
        "pinniped-cli",
        "redirect_uri",
        IssuerHarness.CLI_REDIRECT,
        "code_verifier",
        IssuerHarness.VERIFIER.getValue());
  }

  private static Map<String, String> refreshForm(String refreshToken) {
    return Map.of(
        "grant_type", "refresh_token",
        "refresh_token", refreshToken,
        "client_id", "pinniped-cli");
  }

  private static JsonNode token(IssuerHarness issuer, Map<String, String> form) {
    HttpResponse<String> response = issuer.postForm("/oauth2/token", form);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private static JWTClaimsSet verified(IssuerHarness issuer, String jwt) throws ParseException {
    try {
      SignedJWT signed = SignedJWT.parse(jwt);
      ECKey key = (ECKey) JWKSet.parse(issuer.jwks()).getKeyByKeyId(signed.getHeader().getKeyID());
      assertThat(signed.verify(new ECDSAVerifier(key))).as("signature").isTrue();
      return signed.getJWTClaimsSet();
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
  }

  private static HttpClient browserTrusting(String caPem) {
    return HttpClient.newBuilder()
        .sslContext(UpstreamTlsTrust.fromPem(caPem.getBytes(StandardCharsets.UTF_8)).sslContext())
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
