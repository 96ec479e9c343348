package dev.pinnipedjava.supervisor.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keycloak from its distribution ({@code kc.sh start-dev} on 127.0.0.1), with a realm, a public
 * client allowed the password grant, and users, created through its admin REST API; then its
 * refresh grant, measured as the Supervisor's.
 */
final class KeycloakBench implements AutoCloseable {
  private static final String REALM = "pinniped-bench";
  private static final String CLIENT = "bench-cli";
  private static final String PASSWORD = "bench-password-123";
  private static final Duration STARTUP = Duration.ofMinutes(6);

  private final Process process;
  private final String base;
  private final Http http = new Http(HttpClient.newHttpClient());
  private AtomicReferenceArray<String> refreshTokens = new AtomicReferenceArray<>(0);
  private Object[] locks = new Object[0];

  private KeycloakBench(Process process, String base) {
    this.process = process;
    this.base = base;
  }

  /** Starts Keycloak from {@code home} with the JDK at {@code javaHome}; waits until it serves. */
  static KeycloakBench start(Path home, Path javaHome, Path log) throws Exception {
    int port = LoopbackPorts.allocate(1).get(0);
    ProcessBuilder builder =
        new ProcessBuilder(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                "--http-host=127.0.0.1",
                "--http-management-port=" + LoopbackPorts.allocate(1).get(0),
                "--log-level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", javaHome.toString());
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
    KeycloakBench keycloak = new KeycloakBench(builder.start(), "http://127.0.0.1:" + port);
    try {
      await("Keycloak serving at " + keycloak.base)
          .atMost(STARTUP)
          .pollInterval(Duration.ofMillis(500))
          .until(keycloak::serving);
    } catch (RuntimeException e) {
      keycloak.close();
      throw new IOException("Keycloak did not serve within " + STARTUP + "; see " + log, e);
    }
    return keycloak;
  }

  private boolean serving() throws InterruptedException {
    if (!process.isAlive()) {
      throw new IllegalStateException("Keycloak exited with " + process.exitValue());
    }
    try {
      return http.get(base + "/realms/master").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** A fresh realm with a public client and {@code users} users, each logged in once. */
  void setUp(int users) throws Exception {
    String admin =
        Http.ok(
                http.postForm(
                    base + "/realms/master/protocol/openid-connect/token",
                    Map.of(
                        "grant_type", "password",
                        "client_id", "admin-cli",
                        "username", "admin",
                        "password", "admin")))
            .path("access_token")
            .asText();
    http.delete(base + "/admin/realms/" + REALM, admin);
    created(http.postJson(base + "/admin/realms", Map.of("realm", REALM, "enabled", true), admin));
    created(
        http.postJson(
            base + "/admin/realms/" + REALM + "/clients",
            Map.of(
                "clientId", CLIENT,
                "publicClient", true,
                "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false),
            admin));
    for (int i = 0; i < users; i++) {
      created(
          http.postJson(
              base + "/admin/realms/" + REALM + "/users",
              Map.of(
                  "username",
                  "user" + i,
                  "email",
                  "user" + i + "@example.com",
                  "emailVerified",
                  true,
                  "firstName",
                  "User",
                  "lastName",
                  "Number" + i,
                  "enabled",
                  true,
                  "credentials",
                  List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))),
              admin));
    }
    refreshTokens = new AtomicReferenceArray<>(users);
    locks = new Object[users];
    for (int i = 0; i < users; i++) {
      locks[i] = new Object();
      JsonNode tokens =
          Http.ok(
              http.postForm(
                  tokenEndpoint(),
                  Map.of(
                      "grant_type",
                      "password",
                      "client_id",
                      CLIENT,
                      "username",
                      "user" + i,
                      "password",
                      PASSWORD,
                      "scope",
                      "openid")));
      refreshTokens.set(i, tokens.path("refresh_token").asText());
    }
  }

  /** One refresh grant of user {@code i mod users}, keeping the new refresh token. */
  boolean refresh(int i) throws Exception {
    int user = i % refreshTokens.length();
    synchronized (locks[user]) {
      HttpResponse<String> response =
          http.postForm(
              tokenEndpoint(),
              Map.of(
                  "grant_type",
                  "refresh_token",
                  "client_id",
                  CLIENT,
                  "refresh_token",
                  refreshTokens.get(user)));
      if (response.statusCode() != 200) {
        LoadRunner.lastError = "Keycloak refresh: HTTP " + response.statusCode();
        return false;
      }
      refreshTokens.set(user, Http.JSON.readTree(response.body()).path("refresh_token").asText());
      return true;
    }
  }

  private String tokenEndpoint() {
    return base + "/realms/" + REALM + "/protocol/openid-connect/token";
  }

  private static void created(HttpResponse<String> response) throws IOException {
    if (response.statusCode() != 201) {
      throw new IOException(
          "Keycloak admin API: HTTP "
              + response.statusCode()
              + ": "
              + Http.truncate(response.body()));
    }
  }

  @Override
  public void close() {
    process.toHandle().descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }
}
