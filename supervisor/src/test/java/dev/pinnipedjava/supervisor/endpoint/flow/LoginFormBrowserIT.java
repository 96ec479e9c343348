package dev.pinnipedjava.supervisor.endpoint.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.testkit.browser.Browser;
import dev.pinnipedjava.testkit.browser.BrowserOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Headless Chromium logs in through the chooser and the login form: two providers offered (one
 * taking passwords in the browser, one OIDC), the first chosen, a wrong password shown as such,
 * then the right one delivers a code to the client's loopback listener.
 */
class LoginFormBrowserIT {
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

  private IssuerHarness harness;
  private HttpServer cli;
  private final AtomicReference<String> callbackQuery = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    harness =
        IssuerHarness.startOnLoopback(
            FakeUpstreamIdentityProvider.withLoginForm("ldap"),
            FakeUpstreamIdentityProvider.browserOnly("okta"));
    cli = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    cli.createContext(
        "/callback",
        exchange -> {
          callbackQuery.set(exchange.getRequestURI().getRawQuery());
          byte[] body = "you have logged in".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    cli.start();
  }

  @AfterEach
  void stop() {
    cli.stop(0);
    harness.close();
  }

  @Test
  void choosesTheProviderThenLogsInAfterAWrongPassword() {
    String redirectUri = "http://127.0.0.1:" + cli.getAddress().getPort() + "/callback";
    try (Browser browser = Browser.start(BrowserOptions.trusting(harness.caPem()))) {
      WebDriver driver = browser.driver();
      driver.get(
          harness.issuerUrl()
              + "/oauth2/authorize?"
              + IssuerHarness.encode(
                  IssuerHarness.with(
                      IssuerHarness.authorizeParameters(), "redirect_uri", redirectUri)));

      await("the identity provider chooser")
          .atMost(PAGE_TIMEOUT)
          .until(() -> !driver.findElements(By.tagName("li")).isEmpty());
      assertThat(driver.getCurrentUrl())
          .startsWith(harness.issuerUrl() + "/choose_identity_provider?");
      assertThat(driver.findElements(By.cssSelector("li a")).stream().map(WebElement::getText))
          .containsExactly("display-ldap", "display-okta");
      driver.findElement(By.linkText("display-ldap")).click();

      await("the login form")
          .atMost(PAGE_TIMEOUT)
          .until(() -> !driver.findElements(By.id("username")).isEmpty());
      assertThat(driver.getCurrentUrl()).startsWith(harness.issuerUrl() + "/login?state=");
      assertThat(driver.findElement(By.tagName("h1")).getText())
          .isEqualTo("Log in to display-ldap");
      submit(driver, FakeUpstreamIdentityProvider.USERNAME, "not-the-password");

      await("the form again, with an alert")
          .atMost(PAGE_TIMEOUT)
          .until(() -> !driver.findElements(By.id("alert")).isEmpty());
      assertThat(driver.findElement(By.id("alert")).getText())
          .isEqualTo("Incorrect username or password.");
      assertThat(driver.getPageSource()).doesNotContain("not-the-password");
      submit(driver, FakeUpstreamIdentityProvider.USERNAME, FakeUpstreamIdentityProvider.PASSWORD);

      await("the client's callback").atMost(PAGE_TIMEOUT).until(() -> callbackQuery.get() != null);
    }
    Map<String, String> query = IssuerHarness.query("http://client/?" + callbackQuery.get());
    assertThat(query.get("code")).startsWith("pin_ac_");
    assertThat(query)
        .containsEntry("state", "client-state-123456")
        .containsEntry("iss", harness.issuerUrl());
    HttpResponse<String> tokens =
        harness.postForm(
            "/oauth2/token",
            Map.of(
                "grant_type",
                "authorization_code",
                "code",
                IssuerHarness.required(query, "code"),
                "client_id",
                "pinniped-cli",
                "redirect_uri",
                redirectUri,
                "code_verifier",
                IssuerHarness.VERIFIER.getValue()));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
  }

  private static void submit(WebDriver driver, String username, String password) {
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("submit")).click();
  }
}
