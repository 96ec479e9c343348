package dev.pinnipedjava.supervisor.upstream.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.session.LdapUpstreamSession;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.Password;
import dev.pinnipedjava.supervisor.upstream.RefreshResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamAuthorizeRequest;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentity;
import dev.pinnipedjava.supervisor.upstream.UpstreamRef;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import dev.pinnipedjava.testkit.ldap.LdapServer;
import dev.pinnipedjava.testkit.ldap.LdapUser;
import dev.pinnipedjava.testkit.ldap.WithLdapServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The LDAP engine against a real OpenLDAP: logins over LDAPS and StartTLS, what a login maps, the
 * refusals, filter injection, and refreshes that see the directory change.
 */
@WithLdapServer
class DirectoryProviderIT {
  private static final String PASSWORD = "a-good-password-123";
  private static final String DISPLAY_NAME = "My LDAP";

  private static LdapServer server;
  private final List<DirectoryProvider> opened = new ArrayList<>();

  @BeforeAll
  static void start(LdapServer ldap) {
    server = ldap;
  }

  @AfterEach
  void closeProviders() {
    opened.forEach(DirectoryProvider::close);
  }

  /** username {@code mail}, UID {@code uid}, groups below ou=groups by {@code cn}. */
  private static DirectorySpec spec(String host) {
    return new DirectorySpec(
        host,
        null,
        "bind",
        LdapServer.USERS_DN,
        "uid={}",
        "mail",
        "uid",
        LdapServer.GROUPS_DN,
        null,
        null,
        "cn",
        false);
  }

  private DirectoryProvider provider(ConnectionProtocol protocol) {
    return provider(protocol, UnaryOperator.identity());
  }

  private DirectoryProvider provider(
      ConnectionProtocol protocol, UnaryOperator<DirectorySpec> change) {
    String host =
        protocol == ConnectionProtocol.TLS
            ? server.ldapsHostAndPort()
            : server.startTlsHostAndPort();
    return provider(protocol, change.apply(spec(host)));
  }

  private DirectoryProvider provider(ConnectionProtocol protocol, DirectorySpec spec) {
    LdapIdentityProviders kind = new LdapIdentityProviders();
    DirectoryKind.Searches searches = kind.searches(spec, null).orElseThrow();
    DirectoryProvider provider =
        new DirectoryProvider(
            new UpstreamRef(IdentityProviderKind.LDAP, "ldap", "ldap-uid"),
            new DirectoryConfig(
                DirectoryAddress.parse(spec.host(), protocol),
                protocol,
                UpstreamTlsTrust.fromPem(server.caPem().getBytes(StandardCharsets.US_ASCII)),
                new BindCredentials(
                    server.serviceAccount().dn(), server.serviceAccount().password()),
                searches.user(),
                searches.group(),
                kind.dialect()));
    opened.add(provider);
    return provider;
  }

  private static LoginResult.Authenticated authenticated(LoginResult result) {
    assertThat(result).isInstanceOf(LoginResult.Authenticated.class);
    return (LoginResult.Authenticated) result;
  }

  private static LoginResult login(DirectoryProvider provider, String username, String password) {
    return provider.loginWithPassword(username, new Password(password), DISPLAY_NAME);
  }

  private static String base64Url(String value) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ConnectionProtocol.class)
  void logsInOverEitherProtocol(ConnectionProtocol protocol) {
    String uid = "pinny-" + protocol.name().toLowerCase(Locale.ROOT);
    String dn = server.addUser(LdapUser.of(uid, PASSWORD));
    server.addGroup("devs-" + uid, List.of(dn));
    server.addGroup("admins-" + uid, List.of(dn));
    DirectoryProvider provider = provider(protocol);

    LoginResult.Authenticated result = authenticated(login(provider, uid, PASSWORD));

    UpstreamIdentity identity = result.identity();
    assertThat(identity.username()).isEqualTo(uid + "@pinniped.dev");
    assertThat(identity.groups()).containsExactly("admins-" + uid, "devs-" + uid);
    String host =
        protocol == ConnectionProtocol.TLS
            ? server.ldapsHostAndPort()
            : server.startTlsHostAndPort();
    assertThat(identity.subject())
        .isEqualTo(
            "ldaps://"
                + host
                + "?base=ou%3Dusers%2Cdc%3Dpinniped%2Cdc%3Ddev&idpName=My+LDAP&sub="
                + base64Url(uid));
    assertThat(result.session())
        .isEqualTo(new LdapUpstreamSession(dn, base64Url(uid), uid + "@pinniped.dev", Map.of()));
    assertThat(result.session().toString()).doesNotContain(uid);
  }

  @Test
  void wrongPasswordsAndUnknownUsersAreBadCredentials() {
    server.addUser(LdapUser.of("wrong-pw", PASSWORD));
    DirectoryProvider provider = provider(ConnectionProtocol.TLS);

    for (LoginResult result :
        List.of(
            login(provider, "wrong-pw", "not-the-password"),
            login(provider, "nobody-by-this-name", PASSWORD),
            login(provider, "wrong-pw", " "))) {
      assertThat(result).isInstanceOf(LoginResult.Rejected.class);
      assertThat(((LoginResult.Rejected) result).badCredentials()).isTrue();
    }
    // The pool is still bound as the service account after a failed user bind.
    authenticated(login(provider, "wrong-pw", PASSWORD));
  }

  @Test
  void usernamesCannotInjectIntoTheFilter() {
    server.addUser(LdapUser.of("inject-a", PASSWORD));
    server.addUser(LdapUser.of("inject-b", PASSWORD));
    String odd = "o'brien (ops)*\\";
    server.addUser(LdapUser.of(odd, PASSWORD));
    DirectoryProvider provider = provider(ConnectionProtocol.TLS);

    for (String attempt : List.of("inject-*", "*", "inject-a)(uid=inject-b", "inject-a)(|(uid=*")) {
      LoginResult result = login(provider, attempt, PASSWORD);
      assertThat(result).as(attempt).isInstanceOf(LoginResult.Rejected.class);
      assertThat(((LoginResult.Rejected) result).badCredentials()).as(attempt).isTrue();
    }
    // Special characters are matched literally.
    assertThat(authenticated(login(provider, odd, PASSWORD)).identity().username())
        .isEqualTo(odd + "@pinniped.dev");
  }

  @Test
  void theDnMayBeTheUsernameAndTheUid() {
    String dn = server.addUser(LdapUser.of("dn-user", PASSWORD));
    DirectoryProvider provider =
        provider(
            ConnectionProtocol.TLS,
            s ->
                new DirectorySpec(
                    s.host(),
                    null,
                    "bind",
                    s.userSearchBase(),
                    "(&(objectClass=inetOrgPerson)(uid={}))",
                    "dn",
                    "dn",
                    s.groupSearchBase(),
                    null,
                    null,
                    null,
                    false));
    server.addGroup("dn-group", List.of(dn));

    UpstreamIdentity identity = authenticated(login(provider, "dn-user", PASSWORD)).identity();

    assertThat(identity.username()).isEqualTo(dn);
    assertThat(identity.subject()).endsWith("&sub=" + base64Url(dn));
    // Group names default to the group DNs, found by the user's DN.
    assertThat(identity.groups()).containsExactly(LdapServer.groupDn("dn-group"));
  }

  @Test
  void groupSearchMatchesDirectMembershipOnly() {
    String dn = server.addUser(LdapUser.of("nested-user", PASSWORD));
    String team = server.addGroup("nested-team", List.of(dn));
    server.addGroup("nested-department", List.of(team));
    DirectoryProvider provider = provider(ConnectionProtocol.TLS);

    // "member={}" with the user's DN is Pinniped's default: the department has the team, not the
    // user, as its member. Nested membership is Active Directory's (see ActiveDirectoryIT).
    assertThat(authenticated(login(provider, "nested-user", PASSWORD)).identity().groups())
        .containsExactly("nested-team");
  }

  @Test
  void withoutAGroupSearchBaseThereAreNoGroups() {
    String dn = server.addUser(LdapUser.of("no-groups", PASSWORD));
    server.addGroup("ignored-group", List.of(dn));
    DirectoryProvider provider =
        provider(
            ConnectionProtocol.TLS,
            s ->
                new DirectorySpec(
                    s.host(),
                    null,
                    "bind",
                    s.userSearchBase(),
                    s.userSearchFilter(),
                    s.usernameAttribute(),
                    s.uidAttribute(),
                    null,
                    null,
                    null,
                    "cn",
                    false));

    assertThat(authenticated(login(provider, "no-groups", PASSWORD)).identity().groups()).isEmpty();
  }

  @Test
  void refreshSeesGroupChangesAndFailsOnceTheUserIsDeleted() {
    String dn = server.addUser(LdapUser.of("refresher", PASSWORD));
    server.addGroup("refresh-a", List.of(dn));
    // A groupOfNames needs a member: someone else, for now.
    String other = server.addUser(LdapUser.of("refresh-other", PASSWORD));
    server.addGroup("refresh-b", List.of(other));
    DirectoryProvider provider = provider(ConnectionProtocol.START_TLS);
    LoginResult.Authenticated login = authenticated(login(provider, "refresher", PASSWORD));
    assertThat(login.identity().groups()).containsExactly("refresh-a");

    server.addMember("refresh-b", dn);
    RefreshResult refreshed = provider.refresh(login.identity(), login.session());

    assertThat(refreshed).isInstanceOf(RefreshResult.Refreshed.class);
    UpstreamIdentity now = ((RefreshResult.Refreshed) refreshed).identity();
    assertThat(now.groups()).containsExactly("refresh-a", "refresh-b");
    assertThat(now.subject()).isEqualTo(login.identity().subject());
    assertThat(now.username()).isEqualTo(login.identity().username());

    server.deleteUser("refresher");
    assertThat(provider.refresh(now, login.session())).isInstanceOf(RefreshResult.Rejected.class);
  }

  @Test
  void refreshFailsWhenTheUsernameChanged() {
    String dn = server.addUser(LdapUser.of("renamed", PASSWORD));
    DirectoryProvider provider = provider(ConnectionProtocol.TLS);
    LoginResult.Authenticated login = authenticated(login(provider, "renamed", PASSWORD));

    server.replaceAttribute(dn, "mail", "someone-else@pinniped.dev");

    assertThat(provider.refresh(login.identity(), login.session()))
        .isInstanceOf(RefreshResult.Rejected.class);
  }

  @Test
  void refreshFailsOnceTheUserSearchBaseChanged() {
    server.addUser(LdapUser.of("moved-base", PASSWORD));
    LoginResult.Authenticated login =
        authenticated(login(provider(ConnectionProtocol.TLS), "moved-base", PASSWORD));
    DirectoryProvider wider =
        provider(
            ConnectionProtocol.TLS,
            s ->
                new DirectorySpec(
                    s.host(),
                    null,
                    "bind",
                    LdapServer.SUFFIX,
                    s.userSearchFilter(),
                    s.usernameAttribute(),
                    s.uidAttribute(),
                    s.groupSearchBase(),
                    null,
                    null,
                    "cn",
                    false));

    assertThat(wider.refresh(login.identity(), login.session()))
        .isInstanceOf(RefreshResult.Rejected.class);
    assertThat(provider(ConnectionProtocol.TLS).refresh(login.identity(), login.session()))
        .isInstanceOf(RefreshResult.Refreshed.class);
  }

  @Test
  void skipGroupRefreshKeepsTheGroupsOfTheLogin() {
    String dn = server.addUser(LdapUser.of("skipper", PASSWORD));
    server.addGroup("skip-a", List.of(dn));
    DirectoryProvider provider =
        provider(
            ConnectionProtocol.TLS,
            s ->
                new DirectorySpec(
                    s.host(),
                    null,
                    "bind",
                    s.userSearchBase(),
                    s.userSearchFilter(),
                    s.usernameAttribute(),
                    s.uidAttribute(),
                    s.groupSearchBase(),
                    null,
                    null,
                    "cn",
                    true));
    LoginResult.Authenticated login = authenticated(login(provider, "skipper", PASSWORD));
    server.addGroup("skip-b", List.of(dn));

    RefreshResult refreshed = provider.refresh(login.identity(), login.session());

    assertThat(((RefreshResult.Refreshed) refreshed).identity().groups()).containsExactly("skip-a");
  }

  @Test
  void manySimultaneousLoginsShareTheProvidersPool() throws Exception {
    String dn = server.addUser(LdapUser.of("busy", PASSWORD));
    server.addGroup("busy-group", List.of(dn));
    server.addUser(LdapUser.of("busy-wrong", PASSWORD));
    DirectoryProvider provider = provider(ConnectionProtocol.START_TLS);
    ExecutorService executor = Executors.newFixedThreadPool(8);
    try {
      List<Future<LoginResult>> logins = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        boolean good = i % 4 != 0;
        logins.add(
            executor.submit(
                () ->
                    good
                        ? login(provider, "busy", PASSWORD)
                        : login(provider, "busy-wrong", "not-the-password")));
      }
      for (int i = 0; i < logins.size(); i++) {
        LoginResult result = logins.get(i).get(60, TimeUnit.SECONDS);
        if (i % 4 != 0) {
          assertThat(authenticated(result).identity().groups()).containsExactly("busy-group");
        } else {
          assertThat(result).isInstanceOf(LoginResult.Rejected.class);
        }
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void anUnreachableDirectoryIsAnUpstreamErrorNotARejection() {
    DirectoryProvider provider = provider(ConnectionProtocol.TLS, spec("127.0.0.1:1"));

    assertThatThrownBy(() -> login(provider, "anyone", PASSWORD))
        .isInstanceOf(UpstreamException.class)
        .hasMessageContaining("could not connect to \"127.0.0.1:1\"")
        .hasMessageNotContaining(server.serviceAccount().password());
  }

  @Test
  void theBrowserGoesToTheIssuersLoginForm() {
    DirectoryProvider provider = provider(ConnectionProtocol.TLS);

    URI redirect =
        provider.authorizeRedirect(
            new UpstreamAuthorizeRequest(
                "encoded+state/value",
                new Nonce(),
                new CodeVerifier(),
                URI.create("https://issuer.example.com/fd/callback"),
                URI.create("https://issuer.example.com/fd/login")));

    assertThat(redirect)
        .hasToString("https://issuer.example.com/fd/login?state=encoded%2Bstate%2Fvalue");
  }
}
