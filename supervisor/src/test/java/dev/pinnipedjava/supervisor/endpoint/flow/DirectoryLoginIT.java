package dev.pinnipedjava.supervisor.endpoint.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.supervisor.testing.RunningIssuer;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.activedirectory.ActiveDirectoryServer;
import dev.pinnipedjava.testkit.activedirectory.AdUser;
import dev.pinnipedjava.testkit.activedirectory.WithActiveDirectory;
import dev.pinnipedjava.testkit.ldap.LdapServer;
import dev.pinnipedjava.testkit.ldap.LdapUser;
import dev.pinnipedjava.testkit.ldap.WithLdapServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole Supervisor with directory upstreams: a real API server, OpenLDAP and Samba AD, the
 * LDAPIdentityProvider and ActiveDirectoryIdentityProvider controllers writing status, and the CLI
 * password flow over HTTPS ({@code Pinniped-Username}/{@code Pinniped-Password} at the authorize
 * endpoint), the code redeemed and the tokens refreshed while the directory changes.
 */
@WithKubeControlPlane
@WithLdapServer
@WithActiveDirectory
class DirectoryLoginIT {
  private static final String NAMESPACE = "directory-login-it";
  private static final String PASSWORD = "Directory-password-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunningIssuer issuer;
  private static LdapServer ldap;
  private static ActiveDirectoryServer activeDirectory;

  @BeforeAll
  static void start(
      KubeControlPlane controlPlane, LdapServer ldapServer, ActiveDirectoryServer adServer) {
    ldap = ldapServer;
    activeDirectory = adServer;
    issuer = RunningIssuer.start(controlPlane.adminClient(), NAMESPACE, "/directory-login");
    issuer.secret(
        "ldap-bind",
        "kubernetes.io/basic-auth",
        Map.of(
            "username", ldap.serviceAccount().dn(),
            "password", ldap.serviceAccount().password()));
    issuer.secret(
        "ad-bind",
        "kubernetes.io/basic-auth",
        Map.of(
            "username", activeDirectory.administrator().dn(),
            "password", activeDirectory.administrator().password()));
    issuer.secret("ldap-bind-wrong-type", "Opaque", Map.of("username", "x", "password", "y"));
    issuer.createIdentityProvider(
        "LDAPIdentityProvider",
        "ldap",
        ldap.identityProviderSpec(ldap.startTlsHostAndPort(), "ldap-bind"));
    issuer.createIdentityProvider(
        "ActiveDirectoryIdentityProvider",
        "ad",
        Map.of(
            "host", activeDirectory.ldapsHostAndPort(),
            "tls",
                Map.of("certificateAuthorityData", RunningIssuer.base64(activeDirectory.caPem())),
            "bind", Map.of("secretName", "ad-bind")));
    issuer.createIdentityProvider(
        "LDAPIdentityProvider",
        "ldap-bad-bind",
        Map.of(
            "host", ldap.ldapsHostAndPort(),
            "bind", Map.of("secretName", "ldap-bind-wrong-type"),
            "userSearch", Map.of("base", LdapServer.USERS_DN)));
    issuer.awaitIdentityProviderPhase("LDAPIdentityProvider", "ldap", "Ready");
    issuer.awaitIdentityProviderPhase("ActiveDirectoryIdentityProvider", "ad", "Ready");
    issuer.createFederationDomain(
        federationDomain ->
            federationDomain
                .identityProvider("My LDAP", "LDAPIdentityProvider", "ldap")
                .identityProvider("My AD", "ActiveDirectoryIdentityProvider", "ad"),
        List.of(
            "{\"name\":\"My AD\",\"type\":\"activedirectory\",\"flows\":[\"cli_password\",\"browser_authcode\"]}",
            "{\"name\":\"My LDAP\",\"type\":\"ldap\",\"flows\":[\"cli_password\",\"browser_authcode\"]}"));
  }

  @AfterAll
  static void stop() {
    if (issuer != null) {
      issuer.close();
    }
  }

  @Test
  void ldapPasswordLoginThenRefreshesSeeTheDirectory() throws Exception {
    String dn = ldap.addUser(LdapUser.of("e2e-pinny", PASSWORD));
    ldap.addGroup("e2e-devs", List.of(dn));

    HttpResponse<String> wrong = authorizeWithPassword("My LDAP", "e2e-pinny", "not-it");
    assertThat(wrong.statusCode()).isEqualTo(302);
    assertThat(wrong.headers().firstValue("Location").orElseThrow())
        .contains("error=access_denied");

    JsonNode tokens = redeem(authorizeWithPassword("My LDAP", "e2e-pinny", PASSWORD));
    JWTClaimsSet idToken = issuer.verified(tokens.path("id_token").asText());
    assertThat(idToken.getStringClaim("username")).isEqualTo("e2e-pinny@pinniped.dev");
    assertThat(idToken.getStringListClaim("groups")).containsExactly("e2e-devs");
    assertThat(idToken.getSubject())
        .startsWith(
            "ldaps://"
                + ldap.startTlsHostAndPort()
                + "?base=ou%3Dusers%2Cdc%3Dpinniped%2Cdc%3Ddev&idpName=My+LDAP&sub=");

    ldap.addGroup("e2e-admins", List.of(dn));
    HttpResponse<String> refreshed = issuer.refresh(tokens.path("refresh_token").asText());
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    assertThat(refreshed.headers().allValues("Warning"))
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .contains(
                        "User \\\"e2e-pinny@pinniped.dev\\\" has been added to the following"
                            + " groups: [\\\"e2e-admins\\\"]"));
    JsonNode refreshedTokens = JSON.readTree(refreshed.body());
    assertThat(
            issuer.verified(refreshedTokens.path("id_token").asText()).getStringListClaim("groups"))
        .containsExactly("e2e-admins", "e2e-devs");

    ldap.deleteUser("e2e-pinny");
    HttpResponse<String> afterDeletion =
        issuer.refresh(refreshedTokens.path("refresh_token").asText());
    assertThat(afterDeletion.statusCode()).isEqualTo(401);
    assertThat(afterDeletion.body()).contains("Error during upstream refresh.");
  }

  @Test
  void activeDirectoryPasswordLoginThenRefreshFailsAfterAPasswordChange() throws Exception {
    String dn = activeDirectory.addUser(AdUser.of("e2e-ad-user", PASSWORD));
    String team = activeDirectory.addGroup("e2e-ad-team", List.of(dn));
    activeDirectory.addGroup("e2e-ad-department", List.of(team));

    JsonNode tokens = redeem(authorizeWithPassword("My AD", "e2e-ad-user", PASSWORD));
    JWTClaimsSet idToken = issuer.verified(tokens.path("id_token").asText());
    assertThat(idToken.getStringClaim("username")).isEqualTo("e2e-ad-user@pinniped.test");
    assertThat(idToken.getStringListClaim("groups"))
        .containsExactly("e2e-ad-department@pinniped.test", "e2e-ad-team@pinniped.test");

    HttpResponse<String> refreshed = issuer.refresh(tokens.path("refresh_token").asText());
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);

    activeDirectory.changePassword("e2e-ad-user", "Changed-password-2");
    HttpResponse<String> afterChange =
        issuer.refresh(JSON.readTree(refreshed.body()).path("refresh_token").asText());
    assertThat(afterChange.statusCode()).isEqualTo(401);
    assertThat(afterChange.body()).contains("Error during upstream refresh.");
  }

  @Test
  void theBrowserFlowGoesToTheIssuersLoginForm() {
    HttpResponse<String> response =
        issuer.get(
            "/oauth2/authorize?"
                + IssuerHarness.encode(
                    IssuerHarness.with(
                        IssuerHarness.authorizeParameters(), "pinniped_idp_name", "My LDAP")));

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith(issuer.issuer() + "/login?state=");
  }

  @Test
  void aBindSecretOfTheWrongTypeIsReportedInTheStatus() {
    issuer.awaitIdentityProviderPhase("LDAPIdentityProvider", "ldap-bad-bind", "Error");
    GenericKubernetesResource stored =
        issuer.identityProvider("LDAPIdentityProvider", "ldap-bad-bind");
    assertThat(String.valueOf(stored.<Object>get("status", "conditions")))
        .contains("type=BindSecretValid")
        .contains("reason=SecretWrongType");
  }

  private static HttpResponse<String> authorizeWithPassword(
      String idpName, String username, String password) {
    return issuer.authorizeWithPassword(idpName, username, password);
  }

  private static JsonNode redeem(HttpResponse<String> authorized) {
    assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
    Map<String, String> query =
        IssuerHarness.query(authorized.headers().firstValue("Location").orElseThrow());
    return issuer.redeem(IssuerHarness.required(query, "code"), IssuerHarness.CLI_REDIRECT);
  }
}
