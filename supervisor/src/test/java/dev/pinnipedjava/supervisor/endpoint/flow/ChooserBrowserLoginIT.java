package dev.pinnipedjava.supervisor.endpoint.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.supervisor.testing.LoopbackClient;
import dev.pinnipedjava.supervisor.testing.RunningIssuer;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.activedirectory.ActiveDirectoryServer;
import dev.pinnipedjava.testkit.activedirectory.AdUser;
import dev.pinnipedjava.testkit.activedirectory.WithActiveDirectory;
import dev.pinnipedjava.testkit.browser.Browser;
import dev.pinnipedjava.testkit.browser.BrowserOptions;
import dev.pinnipedjava.testkit.dex.DexClient;
import dev.pinnipedjava.testkit.dex.DexConfig;
import dev.pinnipedjava.testkit.dex.DexServer;
import dev.pinnipedjava.testkit.dex.DexUser;
import dev.pinnipedjava.testkit.ldap.LdapServer;
import dev.pinnipedjava.testkit.ldap.LdapUser;
import dev.pinnipedjava.testkit.ldap.WithLdapServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Headless Chromium logs in to the whole Supervisor through the identity provider chooser of one
 * FederationDomain offering a real OpenLDAP, a real Samba AD and a real Dex: for the directories
 * through the issuer's {@code /login} form (a wrong password shows the form's message), for Dex
 * through its own login page. The client's loopback listener gets the code; the tokens it redeems
 * name the chosen provider and refresh against it.
 */
@WithKubeControlPlane
@WithLdapServer
@WithActiveDirectory
class ChooserBrowserLoginIT {
  private static final String NAMESPACE = "chooser-browser-login-it";
  private static final DexUser DEX_USER = DexUser.of("browser-dex-user", "Dex-password-1");
  private static final String PASSWORD = "Browser-password-1";
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

  private static RunningIssuer issuer;
  private static LdapServer ldap;
  private static ActiveDirectoryServer activeDirectory;
  private static DexServer dex;

  @BeforeAll
  static void start(
      KubeControlPlane controlPlane, LdapServer ldapServer, ActiveDirectoryServer adServer) {
    ldap = ldapServer;
    activeDirectory = adServer;
    issuer = RunningIssuer.start(controlPlane.adminClient(), NAMESPACE, "/browser-login");
    dex =
        DexServer.start(
            DexConfig.builder()
                .user(DEX_USER)
                .client(
                    new DexClient(
                        "pinniped-supervisor",
                        "dex-client-secret-for-the-supervisor",
                        List.of(URI.create(issuer.issuer() + "/callback"))))
                .build());
    issuer.secret(
        "dex-client",
        "secrets.pinniped.dev/oidc-client",
        Map.of(
            "clientID",
            "pinniped-supervisor",
            "clientSecret",
            "dex-client-secret-for-the-supervisor"));
    issuer.createReadyIdentityProvider(
        "OIDCIdentityProvider",
        "dex",
        Map.of(
            "issuer", dex.issuer().toString(),
            "tls", Map.of("certificateAuthorityData", RunningIssuer.base64(dex.caPem())),
            "client", Map.of("secretName", "dex-client"),
            "claims", Map.of("username", "email")));
    issuer.secret(
        "ldap-bind",
        "kubernetes.io/basic-auth",
        Map.of(
            "username", ldap.serviceAccount().dn(), "password", ldap.serviceAccount().password()));
    issuer.secret(
        "ad-bind",
        "kubernetes.io/basic-auth",
        Map.of(
            "username",
            activeDirectory.administrator().dn(),
            "password",
            activeDirectory.administrator().password()));
    issuer.createReadyIdentityProvider(
        "LDAPIdentityProvider",
        "ldap",
        ldap.identityProviderSpec(ldap.startTlsHostAndPort(), "ldap-bind"));
    issuer.createReadyIdentityProvider(
        "ActiveDirectoryIdentityProvider",
        "ad",
        Map.of(
            "host", activeDirectory.ldapsHostAndPort(),
            "tls",
                Map.of("certificateAuthorityData", RunningIssuer.base64(activeDirectory.caPem())),
            "bind", Map.of("secretName", "ad-bind")));
    issuer.createFederationDomain(
        federationDomain ->
            federationDomain
                .identityProvider("My LDAP", "LDAPIdentityProvider", "ldap")
                .identityProvider("My AD", "ActiveDirectoryIdentityProvider", "ad")
                .identityProvider("Dex", "OIDCIdentityProvider", "dex"),
        List.of("\"name\":\"My LDAP\"", "\"name\":\"My AD\"", "\"name\":\"Dex\""));
  }

  @AfterAll
  static void stop() {
    if (dex != null) {
      dex.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  /**
   * @param addUser adds the user to the provider (and one group), if the provider has no user yet
   * @param logIn what the user does in the browser after choosing the provider
   * @param wantSubjectPrefix the start of the downstream subject, naming the upstream
   */
  record Case(
      String name,
      String displayName,
      Runnable addUser,
      Consumer<WebDriver> logIn,
      String wantUsername,
      List<String> wantGroups,
      String wantSubjectPrefix) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "OpenLDAP",
            "My LDAP",
            () ->
                ldap.addGroup(
                    "browser-devs", List.of(ldap.addUser(LdapUser.of("browser-pinny", PASSWORD)))),
            issuersFormAfterAWrongPassword("My LDAP", "browser-pinny"),
            "browser-pinny@pinniped.dev",
            List.of("browser-devs"),
            "ldaps://"
                + ldap.startTlsHostAndPort()
                + "?base=ou%3Dusers%2Cdc%3Dpinniped%2Cdc%3Ddev&idpName=My+LDAP&sub="),
        new Case(
            "Samba Active Directory",
            "My AD",
            () ->
                activeDirectory.addGroup(
                    "browser-ad-team",
                    List.of(activeDirectory.addUser(AdUser.of("browser-ad-user", PASSWORD)))),
            issuersFormAfterAWrongPassword("My AD", "browser-ad-user"),
            "browser-ad-user@pinniped.test",
            List.of("browser-ad-team@pinniped.test"),
            "ldaps://" + activeDirectory.ldapsHostAndPort()),
        new Case(
            "Dex",
            "Dex",
            () -> {},
            driver -> {
              await("Dex's login page")
                  .atMost(PAGE_TIMEOUT)
                  .until(() -> !driver.findElements(By.id("login")).isEmpty());
              assertThat(driver.getCurrentUrl()).startsWith(dex.issuer().toString());
              driver.findElement(By.id("login")).sendKeys(DEX_USER.email());
              driver.findElement(By.id("password")).sendKeys(DEX_USER.password());
              driver.findElement(By.id("submit-login")).click();
            },
            DEX_USER.email(),
            List.of(),
            dex.issuer() + "?idpName=Dex&sub="));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void choosesTheProviderLogsInThenRefreshes(Case test) throws ParseException {
    test.addUser().run();
    try (LoopbackClient cli = LoopbackClient.start();
        Browser browser = Browser.start(BrowserOptions.trusting(issuer.caPem(), dex.caPem()))) {
      WebDriver driver = browser.driver();
      driver.get(issuer.authorizeUrl(cli.redirectUri()));

      await("the identity provider chooser")
          .atMost(PAGE_TIMEOUT)
          .until(() -> !driver.findElements(By.cssSelector("li a")).isEmpty());
      assertThat(driver.getCurrentUrl()).startsWith(issuer.issuer() + "/choose_identity_provider?");
      assertThat(driver.findElements(By.cssSelector("li a")).stream().map(WebElement::getText))
          .containsExactlyInAnyOrder("My LDAP", "My AD", "Dex");
      driver.findElement(By.linkText(test.displayName())).click();

      test.logIn().accept(driver);

      Map<String, String> callback = cli.awaitCallback(PAGE_TIMEOUT);
      assertThat(callback)
          .containsEntry("state", "client-state-123456")
          .containsEntry("iss", issuer.issuer());
      JsonNode tokens = issuer.redeem(IssuerHarness.required(callback, "code"), cli.redirectUri());

      JWTClaimsSet idToken = issuer.verified(tokens.path("id_token").asText());
      assertThat(idToken.getSubject()).startsWith(test.wantSubjectPrefix());
      assertThat(idToken.getSubject()).contains("idpName=" + test.displayName().replace(' ', '+'));
      assertThat(idToken.getStringClaim("username")).isEqualTo(test.wantUsername());
      List<String> groups = idToken.getStringListClaim("groups");
      assertThat(groups == null ? List.of() : groups).containsExactlyElementsOf(test.wantGroups());

      HttpResponse<String> refreshed = issuer.refresh(tokens.path("refresh_token").asText());
      assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
      assertThat(
              issuer
                  .verified(RunningIssuer.json(refreshed).path("id_token").asText())
                  .getStringClaim("username"))
          .isEqualTo(test.wantUsername());
    }
  }

  /** The issuer's login form: a wrong password, its message, then the right password. */
  private static Consumer<WebDriver> issuersFormAfterAWrongPassword(
      String displayName, String login) {
    return driver -> {
      await("the login form")
          .atMost(PAGE_TIMEOUT)
          .until(() -> !driver.findElements(By.id("username")).isEmpty());
      assertThat(driver.getCurrentUrl()).startsWith(issuer.issuer() + "/login?state=");
      assertThat(driver.findElement(By.tagName("h1")).getText())
          .isEqualTo("Log in to " + displayName);
      submit(driver, login, "not-the-password");

      await("the form again, with an alert")
          .atMost(PAGE_TIMEOUT)
          .until(() -> !driver.findElements(By.id("alert")).isEmpty());
      assertThat(driver.findElement(By.id("alert")).getText())
          .isEqualTo("Incorrect username or password.");
      assertThat(driver.getPageSource()).doesNotContain("not-the-password");
      submit(driver, login, PASSWORD);
    };
  }

  private static void submit(WebDriver driver, String username, String password) {
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("submit")).click();
  }
}
