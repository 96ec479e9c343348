package dev.pinnipedjava.e2e.login;

import static dev.pinnipedjava.e2e.login.UserShell.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pinnipedjava.e2e.stack.LocalStack;
import dev.pinnipedjava.testkit.KubeControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A fresh user machine beside the shared local stack: its own home directory and caches, the
 * Supervisor's CA, and the steps a user takes: {@code pinniped-java get kubeconfig}, kubectl with
 * the exec plugin, a browser login at Dex. Requests reaching the Supervisor are counted to prove
 * what the caches save.
 */
abstract class UserMachine {
  static final ObjectMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern LOGIN_URL =
      Pattern.compile("Log in by visiting this link:\\s+(https://\\S+)");

  static KubeControlPlane kube;
  static LocalStack stack;

  @TempDir Path temp;
  Path supervisorCa;
  UserShell shell;
  Path kubectl;
  Path cli;

  @BeforeAll
  static void wire(KubeControlPlane controlPlane, LocalStack localStack) {
    kube = controlPlane;
    stack = localStack;
    kube.kubectl(
            kube.adminKubeconfig(),
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: e2e-user-view}
            rules: [{apiGroups: [""], resources: [namespaces], verbs: [get, list]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: e2e-user-view}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: e2e-user-view}
            subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: %s}]
            """
                .formatted(LocalStackExtension.USER.email()),
            List.of("apply", "-f", "-"))
        .assertSuccess();
  }

  @BeforeEach
  void userMachine() throws IOException {
    supervisorCa = Files.writeString(temp.resolve("supervisor-ca.crt"), stack.supervisorCaPem());
    Path home = Files.createDirectories(temp.resolve("home"));
    shell = new UserShell(home, Map.of());
    kubectl = kube.binariesDirectory().resolve("kubectl");
    cli = LocalStackExtension.Repository.cli();
  }

  record Counts(long authorize, long token) {}

  static Counts counts(String issuer) {
    return new Counts(
        stack.requests().count("/" + issuer + "/oauth2/authorize"),
        stack.requests().count("/" + issuer + "/oauth2/token"));
  }

  UserShell withPassword() {
    return shell.with(
        Map.of(
            "PINNIPED_USERNAME",
            LocalStackExtension.USER.email(),
            "PINNIPED_PASSWORD",
            LocalStackExtension.PASSWORD));
  }

  Path e2eKubeconfig(String audience, String... extra) {
    return kubeconfig(LocalStackExtension.ISSUER, audience, extra);
  }

  /** A kubeconfig from {@code get kubeconfig} for the JWTAuthenticator of issuer and audience. */
  Path kubeconfig(String issuer, String audience, String... extra) {
    List<String> args =
        command(
            cli,
            "get",
            "kubeconfig",
            "--kubeconfig",
            kube.adminKubeconfig(),
            "--concierge-authenticator-type",
            "jwt",
            "--concierge-authenticator-name",
            issuer + "-" + audience,
            "--oidc-ca-bundle",
            supervisorCa,
            "--credential-cache",
            temp.resolve("credentials.yaml"),
            "--oidc-session-cache",
            temp.resolve("sessions.yaml"),
            List.of(extra));
    Outcome outcome = shell.run(args);
    assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    try {
      return Files.writeString(
          temp.resolve(issuer + "-" + audience + "-" + System.nanoTime() + ".yaml"),
          outcome.stdout());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode readKubeconfig(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every cached token and credential looks expired: the next run must refresh. */
  void expireEverythingCached() throws IOException {
    Files.deleteIfExists(temp.resolve("credentials.yaml"));
    Path sessions = temp.resolve("sessions.yaml");
    JsonNode document = YAML.readTree(sessions.toFile());
    expire(document);
    YAML.writeValue(sessions.toFile(), document);
    // The launcher's fast path keeps its own record of served credentials.
    deleteRecursively(temp.resolve("home"));
    Files.createDirectories(temp.resolve("home"));
  }

  static void expire(JsonNode node) {
    if (node instanceof ObjectNode object && object.has("expiryTimestamp")) {
      object.put("expiryTimestamp", "2001-01-01T00:00:00Z");
    }
    node.forEach(UserMachine::expire);
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  static void awaitOutput(UserShell.Running terminal, String text) {
    await("'" + text + "' on the terminal")
        .atMost(Duration.ofSeconds(60))
        .failFast("the command exited", () -> !terminal.isAlive())
        .until(() -> terminal.stdoutSoFar().contains(text));
  }

  static String awaitLoginUrl(UserShell.Running run) {
    await("the login URL on kubectl's stderr")
        .atMost(Duration.ofSeconds(60))
        .failFast("kubectl exited", () -> !run.isAlive())
        .until(() -> LOGIN_URL.matcher(run.stderrSoFar()).find());
    Matcher matcher = LOGIN_URL.matcher(run.stderrSoFar());
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  static void logInAtDex(WebDriver driver, String loginUrl) {
    driver.get(loginUrl);
    fillInDexLoginForm(driver);
  }

  static void fillInDexLoginForm(WebDriver driver) {
    await("Dex's login form")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !driver.findElements(By.id("login")).isEmpty());
    driver.findElement(By.id("login")).sendKeys(LocalStackExtension.USER.email());
    driver.findElement(By.id("password")).sendKeys(LocalStackExtension.PASSWORD);
    driver.findElement(By.id("submit-login")).click();
  }
}
