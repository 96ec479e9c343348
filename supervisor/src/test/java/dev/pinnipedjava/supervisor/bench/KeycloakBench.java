package dev.pinnipedjava.supervisor.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keycloak from its distribution ({@code kc.sh start-dev} on 127.0.0.1), with a realm, a public
 * client allowed the password grant, and users, created through its admin REST API; then its
 * refresh grant, measured as the Supervisor's: over HTTPS (as the Supervisor serves) with the same
 * HTTP/1.1 client, and over plain HTTP for reference.
 */
final class KeycloakBench implements AutoCloseable {
  private static final String REALM = "pinniped-bench";
  private static final String CLIENT = "bench-cli";
  private static final String PASSWORD = "bench-password-123";
  private static final Duration STARTUP = Duration.ofMinutes(6);
  private static final String TOKEN_PATH = "/realms/" + REALM + "/protocol/openid-connect/token";

  private final Process process;
  private final String base;
  private final String plainBase;
  private final Http http;
  private int users;

  private KeycloakBench(Process process, String base, String plainBase, Http http) {
    this.process = process;
    this.base = base;
    this.plainBase = plainBase;
    this.http = http;
  }

  /**
   * Starts Keycloak from {@code home} with the JDK at {@code javaHome}, serving HTTPS with {@code
   * serving} (which {@code client} trusts) and plain HTTP; waits until it serves.
   */
  static KeycloakBench start(
      Path home, Path javaHome, IssuedCertificate serving, HttpClient client, Path runDirectory)
      throws Exception {
    List<Integer> ports = LoopbackPorts.allocate(3);
    Path certificate = runDirectory.resolve("keycloak-tls.crt");
    Path key = runDirectory.resolve("keycloak-tls.key");
    Files.writeString(certificate, serving.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(key, serving.privateKeyPem(), StandardCharsets.US_ASCII);
    Path log = runDirectory.resolve("keycloak.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + ports.get(0),
                "--https-port=" + ports.get(1),
                "--https-certificate-file=" + certificate,
                "--https-certificate-key-file=" + key,
                "--http-host=127.0.0.1",
                "--http-management-port=" + ports.get(2),
                "--log-level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", javaHome.toString());
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
    KeycloakBench keycloak =
        new KeycloakBench(
            builder.start(),
            "https://127.0.0.1:" + ports.get(1),
            "http://127.0.0.1:" + ports.get(0),
            new Http(client));
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

  /** A fresh realm with a public client and {@code users} users. */
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
    this.users = users;
  }

  /** Every user logged in once over HTTPS ({@code https}) or plain HTTP; then their refreshes. */
  Refreshes loggedIn(boolean https) throws Exception {
    String tokenEndpoint = (https ? base : plainBase) + TOKEN_PATH;
    AtomicReferenceArray<String> refreshTokens = new AtomicReferenceArray<>(users);
    for (int i = 0; i < users; i++) {
      JsonNode tokens =
          Http.ok(
              http.postForm(
                  tokenEndpoint,
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
    return new Refreshes(http, tokenEndpoint, refreshTokens);
  }

  /** Refresh grants of logged-in users, each user's in turn. */
  static final class Refreshes {
    private final Http http;
    private final String tokenEndpoint;
    private final AtomicReferenceArray<String> refreshTokens;
    private final Object[] locks;

    private Refreshes(Http http, String tokenEndpoint, AtomicReferenceArray<String> refreshTokens) {
      this.http = http;
      this.tokenEndpoint = tokenEndpoint;
      this.refreshTokens = refreshTokens;
      this.locks = new Object[refreshTokens.length()];
      for (int i = 0; i < locks.length; i++) {
        locks[i] = new Object();
      }
    }

    /** One refresh grant of user {@code i mod users}, keeping the new refresh token. */
    boolean refresh(int i) throws Exception {
      int user = i % refreshTokens.length();
      synchronized (locks[user]) {
        HttpResponse<String> response =
            http.postForm(
                tokenEndpoint,
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
