package dev.pinnipedjava.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.testkit.loopback.LoopbackTls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {
  private final LoopbackTls tls = LoopbackTls.create("greeting");
  private GreetingServer server;

  @BeforeAll
  void startServer() throws IOException {
    server = GreetingServer.start(tls);
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @Test
  void aBrowserTrustingTheTestCaFillsAFormAndReadsTheResult() {
    try (Browser browser = Browser.start(BrowserOptions.trusting(tls.caPem()))) {
      System.err.println(
          "kube-testkit: chromium ready in " + browser.startupTime().toMillis() + " ms");
      WebDriver driver = browser.driver();

      driver.get(server.url("/form").toString());
      driver.findElement(By.id("who")).sendKeys("Pinny <the seal>");
      driver.findElement(By.id("send")).click();

      await("the greeting page")
          .atMost(Duration.ofSeconds(10))
          .until(() -> !driver.findElements(By.id("greeting")).isEmpty());
      assertThat(driver.findElement(By.id("greeting")).getText())
          .isEqualTo("Hello, Pinny <the seal>!");
      assertThat(driver.getCurrentUrl()).isEqualTo(server.url("/hello").toString());
    }
  }

  @Test
  void aBrowserThatTrustsNoTestCaRefusesTheServer() {
    try (Browser browser = Browser.start(new BrowserOptions(List.of(), false))) {
      WebDriver driver = browser.driver();

      driver.get(server.url("/form").toString());

      assertThat(driver.findElements(By.id("who"))).isEmpty();
      assertThat(driver.getPageSource()).contains("ERR_CERT_AUTHORITY_INVALID");
    }
  }

  @Test
  void ignoringCertificateErrorsReachesTheServerWithoutItsCa() {
    try (Browser browser = Browser.start(BrowserOptions.ignoringCertificateErrors())) {
      WebDriver driver = browser.driver();

      driver.get(server.url("/form").toString());

      assertThat(driver.getTitle()).isEqualTo("Form");
    }
  }

  @Test
  void stopLeavesNoBrowserProcessBehind() {
    Browser browser = Browser.start(BrowserOptions.trusting(tls.caPem()));
    Path profile = browser.runDirectory().resolve("profile");
    assertThat(Browser.processesUsing(profile)).isNotEmpty();

    browser.stop();
    browser.stop();

    assertThat(Browser.processesUsing(profile)).isEmpty();
  }
}
