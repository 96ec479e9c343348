package dev.pinnipedjava.e2e.login;

import static dev.pinnipedjava.e2e.login.UserShell.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.browser.Browser;
import dev.pinnipedjava.testkit.browser.BrowserOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Browser logins in headless Chromium: form_post delivery to the CLI's loopback listener, one login
 * for two cluster audiences, the pasted code without a listener, and the identity provider chooser.
 */
@WithKubeControlPlane
@ExtendWith(LocalStackExtension.class)
class BrowserLoginE2E extends UserMachine {

  @Test
  void browserLoginDeliversTheCodeToTheCliByFormPost() {
    Path kubeconfig =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_A,
            "--upstream-identity-provider-flow",
            "browser_authcode",
            "--oidc-skip-browser");

    UserShell.Running kubectlRun =
        shell.start(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    String loginUrl = awaitLoginUrl(kubectlRun);
    try (Browser browser =
        Browser.start(BrowserOptions.trusting(stack.supervisorCaPem(), stack.dex().caPem()))) {
      logInAtDex(browser.driver(), loginUrl);
      await("kubectl finished").atMost(Duration.ofSeconds(60)).until(() -> !kubectlRun.isAlive());
    }
    Outcome outcome = kubectlRun.await();
    assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    assertThat(outcome.stdout()).contains("kube-system");
  }

  @Test
  void oneBrowserLoginServesTwoClusterAudiences() {
    Path clusterA =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_A,
            "--upstream-identity-provider-flow",
            "browser_authcode",
            "--oidc-skip-browser");
    Path clusterB =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_B,
            "--upstream-identity-provider-flow",
            "browser_authcode",
            "--oidc-skip-browser");

    UserShell.Running first =
        shell.start(command(kubectl, "--kubeconfig", clusterA, "get", "namespaces"));
    String loginUrl = awaitLoginUrl(first);
    try (Browser browser =
        Browser.start(BrowserOptions.trusting(stack.supervisorCaPem(), stack.dex().caPem()))) {
      logInAtDex(browser.driver(), loginUrl);
      Outcome outcome = first.await();
      assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    }
    Counts afterLogin = counts(LocalStackExtension.ISSUER);

    Outcome second = shell.run(command(kubectl, "--kubeconfig", clusterB, "get", "namespaces"));

    assertThat(second.succeeded()).as(second.toString()).isTrue();
    assertThat(second.stderr()).doesNotContain("Log in by visiting");
    Counts afterB = counts(LocalStackExtension.ISSUER);
    assertThat(afterB.authorize()).isEqualTo(afterLogin.authorize());
    // The session's tokens are exchanged for cluster B's audience: one token request.
    assertThat(afterB.token() - afterLogin.token()).isEqualTo(1);
  }

  @Test
  void browserLoginWithoutAListenerTakesThePastedCode() {
    Path kubeconfig =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_A,
            "--upstream-identity-provider-flow",
            "browser_authcode",
            "--oidc-skip-browser",
            "--oidc-skip-listen");

    UserShell.Running terminal =
        PseudoTerminal.start(
            shell, command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    await("the login URL and the paste prompt")
        .atMost(Duration.ofSeconds(60))
        .failFast("kubectl exited", () -> !terminal.isAlive())
        .until(
            () ->
                LOGIN_URL.matcher(terminal.stdoutSoFar()).find()
                    && terminal.stdoutSoFar().contains("paste"));
    Matcher url = LOGIN_URL.matcher(terminal.stdoutSoFar());
    assertThat(url.find()).isTrue();
    try (Browser browser =
        Browser.start(BrowserOptions.trusting(stack.supervisorCaPem(), stack.dex().caPem()))) {
      WebDriver driver = browser.driver();
      logInAtDex(driver, url.group(1));
      await("the authorization code shown for pasting")
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> !driver.findElement(By.id("manual-code")).getText().isBlank());
      PseudoTerminal.type(terminal, driver.findElement(By.id("manual-code")).getText().strip());
    }
    await("kubectl finished").atMost(Duration.ofSeconds(60)).until(() -> !terminal.isAlive());

    Outcome outcome = terminal.await();
    assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    assertThat(outcome.stdout()).contains("kube-system");
  }

  @Test
  void theChooserPageLeadsToTheChosenProvider() {
    UserShell.Running login =
        shell.start(
            command(
                cli,
                "login",
                "oidc",
                "--issuer",
                stack.issuer(LocalStackExtension.CHOOSER_ISSUER),
                "--ca-bundle",
                supervisorCa,
                "--skip-browser",
                "--session-cache",
                temp.resolve("sessions.yaml"),
                "--credential-cache",
                temp.resolve("credentials.yaml")));
    String loginUrl = awaitLoginUrl(login);
    try (Browser browser =
        Browser.start(BrowserOptions.trusting(stack.supervisorCaPem(), stack.dex().caPem()))) {
      WebDriver driver = browser.driver();
      driver.get(loginUrl);
      await("the chooser page")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> String.valueOf(driver.getCurrentUrl()).contains("/choose_identity_provider"));
      assertThat(driver.findElements(By.tagName("a")))
          .extracting(link -> link.getText())
          .containsExactlyInAnyOrder(LocalStackExtension.DEX, LocalStackExtension.DEX_BROWSER_ONLY);
      driver.findElement(By.linkText(LocalStackExtension.DEX_BROWSER_ONLY)).click();
      fillInDexLoginForm(driver);
      await("the CLI finished").atMost(Duration.ofSeconds(60)).until(() -> !login.isAlive());
    }

    Outcome outcome = login.await();
    assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    assertThat(outcome.stdout()).contains("\"token\"");
    assertThat(stack.requests().count("/" + LocalStackExtension.CHOOSER_ISSUER + "/callback"))
        .isPositive();
  }
}
