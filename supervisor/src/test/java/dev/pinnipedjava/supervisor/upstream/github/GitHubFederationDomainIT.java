package dev.pinnipedjava.supervisor.upstream.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.supervisor.testing.LoopbackClient;
import dev.pinnipedjava.supervisor.testing.RunningIssuer;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.browser.Browser;
import dev.pinnipedjava.testkit.browser.BrowserOptions;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * GitHub through a FederationDomain of the whole Supervisor: a GitHubIdentityProvider and its
 * client Secret pointing at the GitHub double (trusted through its CA), and headless Chromium
 * following the redirects from the issuer to GitHub and back to the client's loopback listener.
 */
@WithKubeControlPlane
class GitHubFederationDomainIT {
  private static final String NAMESPACE = "github-federation-domain-it";
  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);

  private static RunningIssuer issuer;
  private static FakeGitHub github;

  @BeforeAll
  static void start(KubeControlPlane controlPlane) {
    github = FakeGitHub.start();
    issuer = RunningIssuer.start(controlPlane.adminClient(), NAMESPACE, "/github");
    issuer.secret(
        "github-client",
        GitHubUpstreamController.CLIENT_SECRET_TYPE,
        Map.of("clientID", FakeGitHub.CLIENT_ID, "clientSecret", FakeGitHub.CLIENT_SECRET));
    issuer.createReadyIdentityProvider(
        "GitHubIdentityProvider",
        "github",
        Map.of(
            "githubAPI",
            Map.of(
                "host",
                github.host(),
                "tls",
                Map.of("certificateAuthorityData", github.caBase64())),
            "allowAuthentication",
            Map.of("organizations", Map.of("allowed", List.of("pinniped-org"))),
            "client",
            Map.of("secretName", "github-client")));
    issuer.createFederationDomain(
        federationDomain ->
            federationDomain.identityProvider("GitHub", "GitHubIdentityProvider", "github"),
        List.of("{\"name\":\"GitHub\",\"type\":\"github\",\"flows\":[\"browser_authcode\"]}"));
  }

  @AfterAll
  static void stop() {
    if (issuer != null) {
      issuer.close();
    }
    if (github != null) {
      github.close();
    }
  }

  @Test
  void browserLoginThroughGitHubRedeemsAndRefreshes() throws ParseException {
    github.approveNextLogin(
        new FakeGitHub.User(
            "octocat",
            1234,
            List.of("other-org", "Pinniped-Org"),
            List.of(new FakeGitHub.Team("Pinniped-Org", "Kube Admins", "kube-admins"))),
        "code-octocat",
        "token-octocat");

    try (LoopbackClient cli = LoopbackClient.start()) {
      // As the CLI does when it knows the provider's name: no chooser.
      Map<String, String> callback =
          browserLogin(
              cli,
              issuer.authorizeUrl(cli.redirectUri(), "pinniped_idp_name", "GitHub"),
              driver -> {});

      assertThat(callback)
          .containsEntry("state", "client-state-123456")
          .containsEntry("iss", issuer.issuer());
      JsonNode tokens = issuer.redeem(IssuerHarness.required(callback, "code"), cli.redirectUri());
      JWTClaimsSet idToken = issuer.verified(tokens.path("id_token").asText());
      assertThat(idToken.getSubject())
          .isEqualTo(github.baseUrl() + "/api/v3?idpName=GitHub&login=octocat&id=1234");
      assertThat(idToken.getStringClaim("username")).isEqualTo("octocat:1234");
      assertThat(idToken.getStringListClaim("groups")).containsExactly("Pinniped-Org/kube-admins");

      HttpResponse<String> refreshed = issuer.refresh(tokens.path("refresh_token").asText());
      assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    }
  }

  @Test
  void aUserOfNoAllowedOrganizationIsDeniedAsTheOrganizationPolicySays() {
    github.approveNextLogin(
        new FakeGitHub.User("outsider", 99, List.of("other-org"), List.of()),
        "code-outsider",
        "token-outsider");

    try (LoopbackClient cli = LoopbackClient.start()) {
      // Without a provider name a FederationDomain listing its providers shows the chooser, even
      // of one provider.
      Map<String, String> callback =
          browserLogin(
              cli,
              issuer.authorizeUrl(cli.redirectUri()),
              driver -> {
                await("the identity provider chooser")
                    .atMost(LOGIN_TIMEOUT)
                    .until(() -> !driver.findElements(By.linkText("GitHub")).isEmpty());
                driver.findElement(By.linkText("GitHub")).click();
              });

      assertThat(callback)
          .containsEntry("error", "access_denied")
          .containsEntry("state", "client-state-123456")
          .doesNotContainKey("code");
      assertThat(callback.get("error_description"))
          .contains("user is not allowed to log in due to organization membership policy");
    }
  }

  /**
   * Chromium from {@code authorizeUrl} to the client's callback, with {@code interact} doing what
   * the user does on the way.
   */
  private static Map<String, String> browserLogin(
      LoopbackClient cli, String authorizeUrl, Consumer<WebDriver> interact) {
    try (Browser browser = Browser.start(BrowserOptions.trusting(issuer.caPem(), github.caPem()))) {
      WebDriver driver = browser.driver();
      driver.get(authorizeUrl);
      try {
        interact.accept(driver);
        return cli.awaitCallback(LOGIN_TIMEOUT);
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(
            "the browser stopped at "
                + driver.getCurrentUrl()
                + " showing: "
                + driver.findElement(By.tagName("body")).getText(),
            e);
      }
    }
  }
}
