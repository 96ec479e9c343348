package dev.pinnipedjava.supervisor.upstream.activedirectory;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProviderBind;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProviderGroupSearch;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProviderUserSearch;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.TLSSpec;
import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import dev.pinnipedjava.controller.conditions.StatusWriter;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.session.ActiveDirectoryUpstreamSession;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.Password;
import dev.pinnipedjava.supervisor.upstream.RefreshResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsConfiguration;
import dev.pinnipedjava.supervisor.upstream.ldap.DirectoryUpstreamController;
import dev.pinnipedjava.testkit.activedirectory.ActiveDirectoryServer;
import dev.pinnipedjava.testkit.activedirectory.AdUser;
import dev.pinnipedjava.testkit.activedirectory.WithActiveDirectory;
import dev.pinnipedjava.testkit.clock.MutableClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ActiveDirectoryIdentityProvider against a real Samba AD domain controller: Pinniped's defaults
 * (search base from the RootDSE, users by sAMAccountName, mail or userPrincipalName, objectGUID
 * UIDs, nested groups named sAMAccountName@domain) and the refreshes that fail after a password
 * change, a disabled account or a locked one.
 */
@WithActiveDirectory
class ActiveDirectoryIT {
  private static final String NAMESPACE = "supervisor";
  private static final String PASSWORD = "Ad-user-password-1";
  private static ActiveDirectoryServer server;

  private final InMemoryResourceCache<ActiveDirectoryIdentityProvider> resources =
      InMemoryResourceCache.create();
  private final InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
  private final UpstreamRegistry registry = new UpstreamRegistry();
  private DirectoryUpstreamController<ActiveDirectoryIdentityProvider> controller;

  @BeforeAll
  static void start(ActiveDirectoryServer activeDirectory) {
    server = activeDirectory;
  }

  @BeforeEach
  void setUp() {
    controller =
        new DirectoryUpstreamController<>(
            new ActiveDirectoryIdentityProviders(),
            resources,
            secrets,
            new UpstreamTlsConfiguration(secrets, InMemoryResourceCache.<ConfigMap>create()),
            new StatusWriter((object, patch) -> {}, new KubernetesSerialization()),
            registry,
            new MutableClock(Instant.now()));
    secrets.put(
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName("bind")
            .withResourceVersion("1")
            .endMetadata()
            .withType("kubernetes.io/basic-auth")
            .withData(
                Map.of(
                    "username", base64(server.administrator().dn()),
                    "password", base64(server.administrator().password())))
            .build());
  }

  @AfterEach
  void closeProviders() {
    controller.close();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static ActiveDirectoryIdentityProvider resource(
      String host,
      @Nullable ActiveDirectoryIdentityProviderUserSearch userSearch,
      @Nullable ActiveDirectoryIdentityProviderGroupSearch groupSearch) {
    ActiveDirectoryIdentityProvider resource = new ActiveDirectoryIdentityProvider();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(NAMESPACE)
            .withName("ad")
            .withUid("ad-uid")
            .withGeneration(1L)
            .build());
    resource.setSpec(
        new ActiveDirectoryIdentityProviderSpec(
            host,
            new TLSSpec(base64(server.caPem()), null),
            new ActiveDirectoryIdentityProviderBind("bind"),
            userSearch,
            groupSearch));
    return resource;
  }

  /** Only what Pinniped requires: host, TLS, bind Secret. */
  private static ActiveDirectoryIdentityProvider defaults() {
    return resource(server.ldapsHostAndPort(), null, null);
  }

  record Want(ConditionStatus status, String reason) {}

  record Case(
      String name,
      ActiveDirectoryIdentityProvider resource,
      Map<String, Want> want,
      boolean wantProvider,
      String wantSearchBaseMessage) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Map<String, Want> conditions(Want connection, Want searchBase) {
    Want ok = new Want(ConditionStatus.TRUE, "Success");
    Map<String, Want> want = new LinkedHashMap<>();
    want.put("BindSecretValid", ok);
    want.put("TLSConfigurationValid", ok);
    want.put("LDAPConnectionValid", connection);
    want.put("SearchBaseFound", searchBase);
    return want;
  }

  static Stream<Case> cases() {
    Want ok = new Want(ConditionStatus.TRUE, "Success");
    return Stream.of(
        new Case(
            "defaults: the search base comes from the RootDSE",
            defaults(),
            conditions(ok, ok),
            true,
            "Successfully fetched defaultNamingContext to use as default search base from"
                + " RootDSE."),
        new Case(
            "both search bases in the spec",
            resource(
                server.ldapsHostAndPort(),
                new ActiveDirectoryIdentityProviderUserSearch(
                    ActiveDirectoryServer.USERS_DN, null, null),
                new ActiveDirectoryIdentityProviderGroupSearch(
                    ActiveDirectoryServer.BASE_DN, null, null, null, null)),
            conditions(ok, new Want(ConditionStatus.TRUE, "UsingConfigurationFromSpec")),
            true,
            "Using search base from ActiveDirectoryIdentityProvider config."),
        new Case(
            "an unreachable directory has no search base",
            resource("127.0.0.1:1", null, null),
            conditions(
                new Want(ConditionStatus.FALSE, "LDAPConnectionError"),
                new Want(ConditionStatus.FALSE, "ErrorFetchingSearchBase")),
            false,
            ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesWithPinnipedsConditions(Case test) {
    DirectoryUpstreamController.Validation validation = controller.validate(test.resource());

    Map<String, Want> got = new LinkedHashMap<>();
    for (DesiredCondition condition : validation.conditions()) {
      got.put(condition.type(), new Want(condition.status(), condition.reason()));
    }
    assertThat(got).isEqualTo(test.want());
    assertThat(validation.config() != null).isEqualTo(test.wantProvider());
    assertThat(validation.conditions())
        .filteredOn(c -> c.type().equals("SearchBaseFound"))
        .singleElement()
        .satisfies(c -> assertThat(c.message()).contains(test.wantSearchBaseMessage()));
  }

  private UpstreamIdentityProvider provider() {
    resources.put(defaults());
    controller.sync(new SyncContext("active-directory-upstream-observer", Key.clusterScoped("x")));
    return registry.find(IdentityProviderKind.ACTIVE_DIRECTORY, "ad", "ad-uid").orElseThrow();
  }

  private static LoginResult.Authenticated login(
      UpstreamIdentityProvider provider, String username) {
    LoginResult result = provider.loginWithPassword(username, new Password(PASSWORD), "AD");
    assertThat(result).as(username).isInstanceOf(LoginResult.Authenticated.class);
    return (LoginResult.Authenticated) result;
  }

  private static RefreshResult refresh(
      UpstreamIdentityProvider provider, LoginResult.Authenticated login) {
    return provider.refresh(login.identity(), login.session());
  }

  @Test
  void defaultsFindUsersByAnyNameAndNestedGroups() throws LDAPException {
    String dn = server.addUser(AdUser.of("ad-pinny", PASSWORD));
    String inner = server.addGroup("ad-inner", List.of(dn));
    server.addGroup("ad-outer", List.of(inner));
    UpstreamIdentityProvider provider = provider();

    for (String name : List.of("ad-pinny", "ad-pinny@pinniped.test", "ad-pinny@example.com")) {
      LoginResult.Authenticated result = login(provider, name);
      assertThat(result.identity().username()).isEqualTo("ad-pinny@pinniped.test");
      assertThat(result.identity().groups())
          .containsExactly("ad-inner@pinniped.test", "ad-outer@pinniped.test");
    }
    LoginResult.Authenticated result = login(provider, "ad-pinny");
    String uid = ((ActiveDirectoryUpstreamSession) result.session()).uid();
    assertThat(uid).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(result.identity().subject())
        .isEqualTo(
            "ldaps://"
                + server.ldapsHostAndPort()
                + "?base=DC%3Dpinniped%2CDC%3Dtest&idpName=AD&sub="
                + uid);
    // AD itself finds the user by the GUID in its text form: the rendering is Microsoft's.
    try (LDAPConnection admin = server.connectLdaps()) {
      admin.bind(server.administrator().userPrincipalName(), server.administrator().password());
      SearchResult byGuid =
          admin.search("<GUID=" + uid + ">", SearchScope.BASE, "(objectClass=*)", "1.1");
      assertThat(byGuid.getSearchEntries())
          .singleElement()
          .satisfies(entry -> assertThat(entry.getDN()).isEqualToIgnoringCase(dn));
    }

    LoginResult wrong = provider.loginWithPassword("ad-pinny", new Password("wrong-1"), "AD");
    assertThat(wrong).isInstanceOf(LoginResult.Rejected.class);
    assertThat(((LoginResult.Rejected) wrong).badCredentials()).isTrue();
  }

  @Test
  void refreshSeesGroupChanges() {
    String dn = server.addUser(AdUser.of("ad-groupie", PASSWORD));
    server.addGroup("ad-before", List.of(dn));
    UpstreamIdentityProvider provider = provider();
    LoginResult.Authenticated login = login(provider, "ad-groupie");

    server.addGroup("ad-after", List.of(dn));
    server.removeMember("ad-before", dn);
    RefreshResult refreshed = refresh(provider, login);

    assertThat(refreshed).isInstanceOf(RefreshResult.Refreshed.class);
    assertThat(((RefreshResult.Refreshed) refreshed).identity().groups())
        .containsExactly("ad-after@pinniped.test");
  }

  @Test
  void aChangedPasswordFailsTheNextRefresh() {
    server.addUser(AdUser.of("ad-changer", PASSWORD));
    UpstreamIdentityProvider provider = provider();
    LoginResult.Authenticated login = login(provider, "ad-changer");
    assertThat(refresh(provider, login)).isInstanceOf(RefreshResult.Refreshed.class);

    server.changePassword("ad-changer", "Another-password-2");

    assertThat(refresh(provider, login))
        .isEqualTo(new RefreshResult.Rejected("password has changed since login"));
  }

  @Test
  void aDisabledAccountFailsTheNextRefresh() {
    server.addUser(AdUser.of("ad-disabled", PASSWORD));
    UpstreamIdentityProvider provider = provider();
    LoginResult.Authenticated login = login(provider, "ad-disabled");

    server.disable("ad-disabled");

    assertThat(refresh(provider, login))
        .isEqualTo(new RefreshResult.Rejected("user has been deactivated"));
  }

  @Test
  void aLockedAccountFailsTheNextRefresh() {
    server.addUser(AdUser.of("ad-locked", PASSWORD));
    UpstreamIdentityProvider provider = provider();
    LoginResult.Authenticated login = login(provider, "ad-locked");

    server.lock("ad-locked");

    assertThat(refresh(provider, login))
        .isEqualTo(new RefreshResult.Rejected("user has been locked"));
  }
}
