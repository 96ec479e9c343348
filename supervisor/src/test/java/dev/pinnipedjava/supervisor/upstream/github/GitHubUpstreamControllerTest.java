package dev.pinnipedjava.supervisor.upstream.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubAPIConfig;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubAllowAuthenticationSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubAllowedAuthOrganizationsPolicy;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubClaims;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubClientSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubOrganizationsSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.TLSSpec;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import dev.pinnipedjava.controller.conditions.StatusWriter;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsConfiguration;
import dev.pinnipedjava.testkit.clock.MutableClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GitHubIdentityProvider controller against an HTTP double of a GitHub Enterprise Server: every
 * condition with Pinniped's reasons and messages, the phase, and which providers reach the
 * registry.
 */
class GitHubUpstreamControllerTest {
  private static final String NAMESPACE = "supervisor";
  private static FakeGitHub github;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final InMemoryResourceCache<GitHubIdentityProvider> resources =
      InMemoryResourceCache.create();
  private final InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
  private final InMemoryResourceCache<ConfigMap> configMaps = InMemoryResourceCache.create();
  private final UpstreamRegistry registry = new UpstreamRegistry();
  private final List<String> statusPatches = new ArrayList<>();
  private GitHubUpstreamController controller;

  @BeforeAll
  static void startGitHub() {
    github = FakeGitHub.start();
  }

  @AfterAll
  static void stopGitHub() {
    github.close();
  }

  @BeforeEach
  void setUp() {
    controller =
        new GitHubUpstreamController(
            resources,
            secrets,
            new UpstreamTlsConfiguration(secrets, configMaps),
            new StatusWriter(
                (object, patch) -> statusPatches.add(patch), new KubernetesSerialization()),
            registry,
            clock);
    secrets.put(
        secret(
            "github-client",
            GitHubUpstreamController.CLIENT_SECRET_TYPE,
            Map.of("clientID", FakeGitHub.CLIENT_ID, "clientSecret", FakeGitHub.CLIENT_SECRET)));
    secrets.put(
        secret(
            "wrong-type",
            "Opaque",
            Map.of("clientID", FakeGitHub.CLIENT_ID, "clientSecret", FakeGitHub.CLIENT_SECRET)));
    secrets.put(
        secret(
            "no-client-id",
            GitHubUpstreamController.CLIENT_SECRET_TYPE,
            Map.of("clientSecret", FakeGitHub.CLIENT_SECRET)));
    secrets.put(
        secret(
            "no-client-secret",
            GitHubUpstreamController.CLIENT_SECRET_TYPE,
            Map.of("clientID", FakeGitHub.CLIENT_ID)));
    secrets.put(
        secret(
            "extra-keys",
            GitHubUpstreamController.CLIENT_SECRET_TYPE,
            Map.of(
                "clientID",
                FakeGitHub.CLIENT_ID,
                "clientSecret",
                FakeGitHub.CLIENT_SECRET,
                "other",
                "x")));
  }

  static Secret secret(String name, String type, Map<String, String> data) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(NAMESPACE)
        .withName(name)
        .endMetadata()
        .withType(type)
        .withData(
            data.entrySet().stream()
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey,
                        entry ->
                            Base64.getEncoder()
                                .encodeToString(
                                    entry.getValue().getBytes(StandardCharsets.UTF_8)))))
        .build();
  }

  /** A spec that works, changed by a case. */
  record Spec(
      @Nullable String host,
      @Nullable TLSSpec tls,
      @Nullable GitHubAllowedAuthOrganizationsPolicy policy,
      List<String> allowed,
      String secretName) {
    static Spec working() {
      return new Spec(
          github.host(),
          new TLSSpec(github.caBase64(), null),
          GitHubAllowedAuthOrganizationsPolicy.ONLY_USERS_FROM_ALLOWED_ORGANIZATIONS,
          List.of("pinniped-org"),
          "github-client");
    }

    Spec host(@Nullable String newHost) {
      return new Spec(newHost, tls, policy, allowed, secretName);
    }

    Spec tls(@Nullable TLSSpec newTls) {
      return new Spec(host, newTls, policy, allowed, secretName);
    }

    Spec organizations(
        @Nullable GitHubAllowedAuthOrganizationsPolicy newPolicy, List<String> newAllowed) {
      return new Spec(host, tls, newPolicy, newAllowed, secretName);
    }

    Spec secretName(String newSecretName) {
      return new Spec(host, tls, policy, allowed, newSecretName);
    }

    GitHubIdentityProvider resource() {
      GitHubIdentityProvider resource = new GitHubIdentityProvider();
      resource.setMetadata(
          new ObjectMetaBuilder()
              .withNamespace(NAMESPACE)
              .withName("github")
              .withUid("github-uid")
              .withGeneration(4L)
              .build());
      resource.setSpec(
          new GitHubIdentityProviderSpec(
              new GitHubAPIConfig(host, tls),
              new GitHubClaims(null, null),
              new GitHubAllowAuthenticationSpec(
                  new GitHubOrganizationsSpec(policy, allowed.isEmpty() ? null : allowed)),
              new GitHubClientSpec(secretName)));
      return resource;
    }
  }

  record Want(ConditionStatus status, String reason) {}

  record Case(
      String name,
      Function<Spec, Spec> change,
      Map<String, Want> wantConditions,
      @Nullable String wantMessage) {
    // wantMessage: the start of one condition's message (dial errors end with the JDK's words)
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Want OK = new Want(ConditionStatus.TRUE, "Success");
  private static final Want UNABLE = new Want(ConditionStatus.UNKNOWN, "UnableToValidate");

  private static Map<String, Want> conditions(
      Want secret, Want policy, Want host, Want tls, Want connection) {
    Map<String, Want> want = new LinkedHashMap<>();
    want.put("ClientCredentialsSecretValid", secret);
    want.put("ClaimsValid", OK);
    want.put("OrganizationsPolicyValid", policy);
    want.put("HostValid", host);
    want.put("TLSConfigurationValid", tls);
    want.put("GitHubConnectionValid", connection);
    return want;
  }

  private static Want no(String reason) {
    return new Want(ConditionStatus.FALSE, reason);
  }

  private static String secretMessage(String problem, String name) {
    return problem
        + ": secret from spec.client.SecretName (\""
        + name
        + "\") must be found in namespace \"supervisor\" with type"
        + " \"secrets.pinniped.dev/github-client\" and keys \"clientID\" and \"clientSecret\"";
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "valid",
            s -> s,
            conditions(OK, OK, OK, OK, OK),
            "spec.githubAPI.host (\""
                + github.host()
                + "\") is reachable and TLS verification"
                + " succeeds"),
        new Case(
            "every GitHub user, with no organization listed",
            s -> s.organizations(GitHubAllowedAuthOrganizationsPolicy.ALL_GITHUB_USERS, List.of()),
            conditions(OK, OK, OK, OK, OK),
            "spec.allowAuthentication.organizations.policy (\"AllGitHubUsers\") is valid"),
        new Case(
            "client Secret missing",
            s -> s.secretName("nope"),
            conditions(no("SecretNotFound"), OK, OK, OK, OK),
            secretMessage("secret \"nope\" not found", "nope")),
        new Case(
            "client Secret of the wrong type",
            s -> s.secretName("wrong-type"),
            conditions(no("SecretNotFound"), OK, OK, OK, OK),
            secretMessage("wrong secret type \"Opaque\"", "wrong-type")),
        new Case(
            "client Secret without clientID",
            s -> s.secretName("no-client-id"),
            conditions(no("SecretNotFound"), OK, OK, OK, OK),
            secretMessage("missing key \"clientID\"", "no-client-id")),
        new Case(
            "client Secret without clientSecret",
            s -> s.secretName("no-client-secret"),
            conditions(no("SecretNotFound"), OK, OK, OK, OK),
            secretMessage("missing key \"clientSecret\"", "no-client-secret")),
        new Case(
            "client Secret with extra keys",
            s -> s.secretName("extra-keys"),
            conditions(no("SecretNotFound"), OK, OK, OK, OK),
            secretMessage("extra keys found", "extra-keys")),
        new Case(
            "every GitHub user, yet organizations listed",
            s ->
                s.organizations(
                    GitHubAllowedAuthOrganizationsPolicy.ALL_GITHUB_USERS, List.of("pinniped-org")),
            conditions(OK, no("Invalid"), OK, OK, OK),
            "spec.allowAuthentication.organizations.policy must be"
                + " 'OnlyUsersFromAllowedOrganizations' when"
                + " spec.allowAuthentication.organizations.allowed has organizations listed"),
        new Case(
            "only allowed organizations, yet none listed",
            s -> s.organizations(null, List.of()),
            conditions(OK, no("Invalid"), OK, OK, OK),
            "spec.allowAuthentication.organizations.policy must be 'AllGitHubUsers' when"
                + " spec.allowAuthentication.organizations.allowed is empty"),
        new Case(
            "host with a scheme",
            s -> s.host("https://" + github.host()),
            conditions(OK, OK, no("InvalidHost"), OK, UNABLE),
            null),
        new Case(
            "host with a path",
            s -> s.host(github.host() + "/api"),
            conditions(OK, OK, no("InvalidHost"), OK, UNABLE),
            null),
        new Case(
            "host with an invalid port",
            s -> s.host("127.0.0.1:99999"),
            conditions(OK, OK, no("InvalidHost"), OK, UNABLE),
            "spec.githubAPI.host (\"127.0.0.1:99999\") is not valid: invalid port \"99999\""),
        new Case(
            "CA data that is not PEM",
            s ->
                s.tls(
                    new TLSSpec(
                        Base64.getEncoder()
                            .encodeToString("hello".getBytes(StandardCharsets.UTF_8)),
                        null)),
            conditions(OK, OK, OK, no("InvalidTLSConfig"), UNABLE),
            "spec.githubAPI.tls.certificateAuthorityData is invalid"),
        new Case(
            "system roots do not trust the server",
            s -> s.tls(null),
            conditions(OK, OK, OK, OK, no("UnableToDialServer")),
            "cannot dial server spec.githubAPI.host (\"" + github.host() + "\")"),
        new Case(
            "nothing listens at the host",
            s -> s.host("127.0.0.1:1"),
            conditions(OK, OK, OK, OK, no("UnableToDialServer")),
            "cannot dial server spec.githubAPI.host (\"127.0.0.1:1\")"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesWithPinnipedsConditions(Case test) {
    GitHubIdentityProvider resource = test.change().apply(Spec.working()).resource();

    GitHubUpstreamController.Validation validation = controller.validate(resource);

    Map<String, Want> got = new LinkedHashMap<>();
    for (DesiredCondition condition : validation.conditions()) {
      got.put(condition.type(), new Want(condition.status(), condition.reason()));
    }
    assertThat(got).isEqualTo(test.wantConditions());
    boolean wantValid = test.wantConditions().values().stream().allMatch(OK::equals);
    assertThat(validation.provider() != null).isEqualTo(wantValid);
    if (test.wantMessage() != null) {
      assertThat(validation.conditions())
          .anySatisfy(condition -> assertThat(condition.message()).startsWith(test.wantMessage()));
    }
  }

  @Test
  void syncPublishesValidProvidersForBrowserLoginsAndWritesStatus() {
    resources.put(Spec.working().resource());

    SyncContext context = new SyncContext(GitHubUpstreamController.NAME, Key.clusterScoped("all"));
    controller.sync(context);

    Optional<UpstreamIdentityProvider> provider =
        registry.find(IdentityProviderKind.GITHUB, "github", "github-uid");
    assertThat(provider).isPresent();
    assertThat(provider.get().flows()).containsExactly(IDPFlow.BROWSER_AUTHCODE);
    assertThat(context.requestedRequeue()).isNull();
    assertThat(statusPatches).hasSize(1);
    assertThat(statusPatches.get(0))
        .contains("\"phase\":\"Ready\"")
        .contains("\"observedGeneration\":4")
        .contains("\"type\":\"GitHubConnectionValid\"");
  }

  @Test
  void syncWithdrawsAProviderWhoseHostIsUnreachableAndTriesAgainLater() {
    resources.put(Spec.working().resource());
    controller.sync(new SyncContext(GitHubUpstreamController.NAME, Key.clusterScoped("all")));
    assertThat(registry.find(IdentityProviderKind.GITHUB, "github", "github-uid")).isPresent();

    resources.put(Spec.working().host("127.0.0.1:1").resource());
    SyncContext context = new SyncContext(GitHubUpstreamController.NAME, Key.clusterScoped("all"));
    controller.sync(context);

    assertThat(registry.find(IdentityProviderKind.GITHUB, "github", "github-uid")).isEmpty();
    assertThat(context.requestedRequeue()).isEqualTo(GitHubUpstreamController.RETRY_UNREACHABLE);
    assertThat(statusPatches.get(statusPatches.size() - 1)).contains("\"phase\":\"Error\"");
  }

  record HostCase(String name, String host, String wantAddress, String wantWeb, String wantApi) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<HostCase> hosts() {
    return Stream.of(
        new HostCase(
            "github.com",
            "github.com",
            "github.com:443",
            "https://github.com",
            "https://api.github.com"),
        new HostCase(
            "an Enterprise Server",
            "GHE.example.com",
            "ghe.example.com:443",
            "https://ghe.example.com",
            "https://ghe.example.com/api/v3"),
        new HostCase(
            "an Enterprise Server on another port",
            "ghe.example.com:8443",
            "ghe.example.com:8443",
            "https://ghe.example.com:8443",
            "https://ghe.example.com:8443/api/v3"),
        new HostCase(
            "an IPv6 address with a port",
            "[::1]:8443",
            "[::1]:8443",
            "https://[::1]:8443",
            "https://[::1]:8443/api/v3"),
        new HostCase(
            "github.com on its port",
            "github.com:443",
            "github.com:443",
            "https://github.com",
            "https://api.github.com"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void hostsNameTheirWebAndApiAddresses(HostCase test) {
    GitHubHost host = GitHubHost.parse(test.host());

    assertThat(host.address()).isEqualTo(test.wantAddress());
    assertThat(host.web()).isEqualTo(URI.create(test.wantWeb()));
    assertThat(host.api()).isEqualTo(URI.create(test.wantApi()));
    assertThat(host.authorizeEndpoint())
        .isEqualTo(URI.create(test.wantWeb() + "/login/oauth/authorize"));
    assertThat(host.tokenEndpoint())
        .isEqualTo(URI.create(test.wantWeb() + "/login/oauth/access_token"));
  }
}
