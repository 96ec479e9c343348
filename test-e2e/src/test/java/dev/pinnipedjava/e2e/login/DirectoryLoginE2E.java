package dev.pinnipedjava.e2e.login;

import static dev.pinnipedjava.e2e.login.UserShell.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.e2e.stack.IdentityProviderRef;
import dev.pinnipedjava.e2e.stack.LocalStack;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.activedirectory.ActiveDirectoryServer;
import dev.pinnipedjava.testkit.activedirectory.AdUser;
import dev.pinnipedjava.testkit.activedirectory.WithActiveDirectory;
import dev.pinnipedjava.testkit.ldap.LdapServer;
import dev.pinnipedjava.testkit.ldap.LdapUser;
import dev.pinnipedjava.testkit.ldap.WithLdapServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI password flow through kubectl against directories: a FederationDomain offering real
 * OpenLDAP (an LDAPIdentityProvider) and real Samba AD (an ActiveDirectoryIdentityProvider). The
 * kube-apiserver sees the directory's user and groups; a wrong password fails clearly; and a user
 * removed or disabled in the directory loses access at the next refresh, without a new login.
 */
@WithKubeControlPlane
@ExtendWith(LocalStackExtension.class)
@WithLdapServer
@WithActiveDirectory
class DirectoryLoginE2E extends UserMachine {
  private static final String PASSWORD = "Directory-e2e-password-1";
  private static final String ISSUER = "directories";
  private static final String AUDIENCE = "cluster-d";
  private static final String LDAP = "My LDAP";
  private static final String AD = "My AD";
  private static final String LDAP_GROUP = "e2e-ldap-readers";
  private static final String AD_GROUP = "e2e-ad-readers";
  private static final String IDP_API = "idp.supervisor.pinniped.dev/v1alpha1";

  private static LdapServer ldap;
  private static ActiveDirectoryServer activeDirectory;

  /**
   * A directory as the tests see it: how its kubeconfig is made and the login chosen; a user who
   * stays, one who mistypes (AD locks an account after a few wrong passwords, and kubectl runs the
   * plugin several times) and one who is revoked; what the kube-apiserver should see; and how the
   * directory revokes.
   */
  record Directory(
      String name,
      List<String> kubeconfigFlags,
      Map<String, String> loginEnvironment,
      String user,
      String mistyper,
      String leaver,
      String wantUsername,
      String wantGroup,
      Revocation revocation) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What an administrator does in the directory to end a user's access. */
  enum Revocation {
    DELETE_LDAP_ENTRY {
      @Override
      void revoke(String user) {
        ldap.deleteUser(user);
      }
    },
    DISABLE_AD_ACCOUNT {
      @Override
      void revoke(String user) {
        activeDirectory.disable(user);
      }
    };

    abstract void revoke(String user);
  }

  static Stream<Directory> directories() {
    return Stream.of(
        // The provider chosen by name and type in the kubeconfig.
        new Directory(
            "OpenLDAP",
            List.of(
                "--upstream-identity-provider-name",
                LDAP,
                "--upstream-identity-provider-type",
                "ldap"),
            Map.of(),
            "ldap-pinny",
            "ldap-mistyper",
            "ldap-leaver",
            "ldap-pinny@pinniped.dev",
            LDAP_GROUP,
            Revocation.DELETE_LDAP_ENTRY),
        // A kubeconfig for the browser; the password flow chosen by environment variable.
        new Directory(
            "Samba AD",
            List.of(
                "--upstream-identity-provider-name",
                AD,
                "--upstream-identity-provider-flow",
                "browser_authcode",
                "--oidc-skip-browser"),
            Map.of("PINNIPED_UPSTREAM_IDENTITY_PROVIDER_FLOW", "cli_password"),
            "ad-pinny",
            "ad-mistyper",
            "ad-leaver",
            ActiveDirectoryServer.userPrincipalName("ad-pinny"),
            ActiveDirectoryServer.userPrincipalName(AD_GROUP),
            Revocation.DISABLE_AD_ACCOUNT));
  }

  @BeforeAll
  static void directoriesBehindAnIssuer(LdapServer ldapServer, ActiveDirectoryServer adServer) {
    ldap = ldapServer;
    activeDirectory = adServer;
    List<String> ldapMembers = new ArrayList<>();
    List<String> adMembers = new ArrayList<>();
    for (String uid : List.of("ldap-pinny", "ldap-mistyper", "ldap-leaver")) {
      ldapMembers.add(ldap.addUser(LdapUser.of(uid, PASSWORD)));
    }
    for (String name : List.of("ad-pinny", "ad-mistyper", "ad-leaver")) {
      adMembers.add(activeDirectory.addUser(AdUser.of(name, PASSWORD)));
    }
    ldap.addGroup(LDAP_GROUP, ldapMembers);
    activeDirectory.addGroup(AD_GROUP, adMembers);

    bindSecret("e2e-ldap-bind", ldap.serviceAccount().dn(), ldap.serviceAccount().password());
    bindSecret(
        "e2e-ad-bind",
        activeDirectory.administrator().dn(),
        activeDirectory.administrator().password());
    identityProvider(
        "LDAPIdentityProvider",
        "e2e-ldap",
        ldap.identityProviderSpec(ldap.ldapsHostAndPort(), "e2e-ldap-bind"));
    identityProvider(
        "ActiveDirectoryIdentityProvider",
        "e2e-ad",
        Map.of(
            "host", activeDirectory.ldapsHostAndPort(),
            "tls", Map.of("certificateAuthorityData", base64(activeDirectory.caPem())),
            "bind", Map.of("secretName", "e2e-ad-bind")));
    awaitReady("LDAPIdentityProvider", "e2e-ldap");
    awaitReady("ActiveDirectoryIdentityProvider", "e2e-ad");
    stack.addIssuer(
        ISSUER,
        List.of(
            new IdentityProviderRef(LDAP, "LDAPIdentityProvider", "e2e-ldap"),
            new IdentityProviderRef(AD, "ActiveDirectoryIdentityProvider", "e2e-ad")),
        List.of(AUDIENCE));

    // Access comes from the directories' groups only.
    kube.kubectl(
            kube.adminKubeconfig(),
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: e2e-directory-groups-view}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: e2e-user-view}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: %s}
            - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: %s}
            """
                .formatted(LDAP_GROUP, ActiveDirectoryServer.userPrincipalName(AD_GROUP)),
            List.of("apply", "-f", "-"))
        .assertSuccess();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("directories")
  void passwordFromEnvironmentThenTheApiServerSeesTheDirectorysUserAndGroups(Directory directory)
      throws IOException {
    Path kubeconfig = directoryKubeconfig(directory);

    Outcome login =
        loginShell(directory, directory.user(), PASSWORD)
            .run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));

    assertThat(login.succeeded()).as(login.toString()).isTrue();
    assertThat(login.stdout()).contains("kube-system");
    assertApiServerSees(directory, kubeconfig);
    Outcome whoami = shell.run(command(cli, "whoami", "--kubeconfig", kubeconfig));
    assertThat(whoami.succeeded()).as(whoami.toString()).isTrue();
    assertThat(whoami.stdout())
        .contains("Username: " + directory.wantUsername())
        .contains(directory.wantGroup());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("directories")
  void passwordPromptedOnTheTerminal(Directory directory) throws IOException {
    Path kubeconfig = directoryKubeconfig(directory);

    UserShell.Running terminal =
        PseudoTerminal.start(
            shell.with(directory.loginEnvironment()),
            command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    awaitOutput(terminal, "Username: ");
    PseudoTerminal.type(terminal, directory.user());
    awaitOutput(terminal, "Password: ");
    PseudoTerminal.type(terminal, PASSWORD);
    await("kubectl finished").atMost(Duration.ofSeconds(60)).until(() -> !terminal.isAlive());

    Outcome outcome = terminal.await();
    assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    assertThat(outcome.stdout()).contains("kube-system").doesNotContain(PASSWORD);
    assertApiServerSees(directory, kubeconfig);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("directories")
  void aWrongPasswordFailsWithAClearMessage(Directory directory) {
    Path kubeconfig = directoryKubeconfig(directory);

    Outcome outcome =
        loginShell(directory, directory.mistyper(), "not-the-password")
            .run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));

    assertThat(outcome.exitCode()).as(outcome.toString()).isNotZero();
    assertThat(outcome.stdout()).doesNotContain("kube-system");
    assertThat(outcome.stderr())
        .contains("login failed")
        .doesNotContain("Exception")
        .doesNotContain("not-the-password");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("directories")
  void accessEndsAtTheNextRefreshOnceTheDirectoryRevokesTheUser(Directory directory)
      throws IOException {
    Path kubeconfig = directoryKubeconfig(directory);
    // The user's shell keeps the flow's variable; only the first login has a password.
    UserShell userShell = shell.with(directory.loginEnvironment());
    Outcome login =
        loginShell(directory, directory.leaver(), PASSWORD)
            .run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    assertThat(login.succeeded()).as(login.toString()).isTrue();

    // Before the revocation an expired session refreshes against the directory.
    expireEverythingCached();
    Counts beforeRefresh = counts(ISSUER);
    Outcome refreshed =
        userShell.run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    assertThat(refreshed.succeeded()).as(refreshed.toString()).isTrue();
    Counts afterRefresh = counts(ISSUER);
    assertThat(afterRefresh.token() - beforeRefresh.token())
        .as("refresh and exchange")
        .isEqualTo(2);
    assertThat(afterRefresh.authorize()).isEqualTo(beforeRefresh.authorize());

    directory.revocation().revoke(directory.leaver());
    expireEverythingCached();
    Outcome revoked =
        userShell.run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));

    assertThat(revoked.exitCode()).as(revoked.toString()).isNotZero();
    assertThat(revoked.stdout()).doesNotContain("kube-system");
    assertThat(revoked.stderr())
        .as(revoked.toString())
        // The refresh failed; a new login would need the password, which nobody gives.
        .contains("error prompting for username")
        .doesNotContain("Exception")
        .doesNotContain("Log in by visiting");
    Counts afterRevocation = counts(ISSUER);
    assertThat(afterRevocation.token() - afterRefresh.token()).as("refreshes tried").isPositive();
    assertThat(afterRevocation.authorize())
        .as("no new login without a password")
        .isEqualTo(afterRefresh.authorize());
    // The directory refuses the password too (whoami runs the plugin once, kubectl several times).
    Outcome loginAgain =
        loginShell(directory, directory.leaver(), PASSWORD)
            .run(command(cli, "whoami", "--kubeconfig", kubeconfig));
    assertThat(loginAgain.exitCode()).as(loginAgain.toString()).isNotZero();
    assertThat(loginAgain.stderr()).contains("login failed").doesNotContain("Exception");
  }

  private Path directoryKubeconfig(Directory directory) {
    return kubeconfig(ISSUER, AUDIENCE, directory.kubeconfigFlags().toArray(String[]::new));
  }

  private UserShell loginShell(Directory directory, String username, String password) {
    return shell
        .with(directory.loginEnvironment())
        .with(Map.of("PINNIPED_USERNAME", username, "PINNIPED_PASSWORD", password));
  }

  /** {@code kubectl auth whoami}: the user and groups the kube-apiserver authenticated. */
  private void assertApiServerSees(Directory directory, Path kubeconfig) throws IOException {
    Outcome whoami =
        shell.run(command(kubectl, "--kubeconfig", kubeconfig, "auth", "whoami", "-o", "json"));
    assertThat(whoami.succeeded()).as(whoami.toString()).isTrue();
    JsonNode user = JSON.readTree(whoami.stdout()).path("status").path("userInfo");
    assertThat(user.path("username").asText()).isEqualTo(directory.wantUsername());
    List<String> groups = new ArrayList<>();
    user.path("groups").forEach(group -> groups.add(group.asText()));
    assertThat(groups).contains(directory.wantGroup(), "system:authenticated");
  }

  private static void bindSecret(String name, String username, String password) {
    stack
        .adminClient()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(LocalStack.SUPERVISOR_NAMESPACE)
                .withName(name)
                .endMetadata()
                .withType("kubernetes.io/basic-auth")
                .withStringData(Map.of("username", username, "password", password))
                .build())
        .serverSideApply();
  }

  private static void identityProvider(String kind, String name, Map<String, Object> spec) {
    stack
        .adminClient()
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion(IDP_API)
                .withKind(kind)
                .withNewMetadata()
                .withNamespace(LocalStack.SUPERVISOR_NAMESPACE)
                .withName(name)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build())
        .serverSideApply();
  }

  private static void awaitReady(String kind, String name) {
    await(kind + " " + name + " Ready")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              GenericKubernetesResource object =
                  stack
                      .adminClient()
                      .genericKubernetesResources(IDP_API, kind)
                      .inNamespace(LocalStack.SUPERVISOR_NAMESPACE)
                      .withName(name)
                      .get();
              return object != null && "Ready".equals(object.get("status", "phase"));
            });
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
