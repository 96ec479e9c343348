package dev.pinnipedjava.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.pinnipedjava.cli.testing.CliRun;
import dev.pinnipedjava.cli.testing.CliRun.Result;
import dev.pinnipedjava.cli.testing.CliRun.Running;
import dev.pinnipedjava.cli.testing.FakeConcierge;
import dev.pinnipedjava.cli.testing.FakeOidcProvider;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** login oidc against a loopback OIDC provider; the test plays the browser. */
class LoginOidcCommandTest {

  private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
  private static final Pattern LOGIN_URL =
      Pattern.compile("Log in by visiting this link:\n\n    (\\S+)\n\n");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private final MutableClock clock = new MutableClock(START);
  private final FakeOidcProvider provider = new FakeOidcProvider(clock);
  private final HttpClient browser =
      HttpClient.newBuilder()
          .sslContext(provider.server().clientContext())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @AfterEach
  void stop() {
    provider.close();
  }

  private CliRun cli() {
    return new CliRun().home(home).clock(clock);
  }

  private String[] args(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "login",
                "oidc",
                "--issuer=" + provider.issuer(),
                "--ca-bundle-data=" + provider.server().caBase64(),
                "--skip-browser",
                "--credential-cache="));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private URI awaitLoginUrl(Running running) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> LOGIN_URL.matcher(running.stderrSoFar()).find() || running.isDone());
    Matcher matcher = LOGIN_URL.matcher(running.stderrSoFar());
    assertThat(matcher.find()).as("the login URL was printed: " + running.stderrSoFar()).isTrue();
    return URI.create(matcher.group(1));
  }

  /** Visits the authorize URL and returns where the provider redirects the browser. */
  private URI authorize(URI loginUrl) throws IOException, InterruptedException {
    HttpResponse<String> response =
        browser.send(
            HttpRequest.newBuilder(loginUrl).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(302);
    return URI.create(response.headers().firstValue("Location").orElseThrow());
  }

  private HttpResponse<String> get(URI url) throws IOException, InterruptedException {
    return browser.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A full browser login: returns the finished command. */
  private Result browserLogin(CliRun cli, String... extraArgs)
      throws IOException, InterruptedException {
    Running running = cli.start(args(extraArgs));
    URI callback = authorize(awaitLoginUrl(running));
    HttpResponse<String> answer = get(callback);
    assertThat(answer.body()).isEqualTo("you have been logged in and may now close this tab");
    return running.await();
  }

  @Test
  void logsInThroughTheBrowserWithPkceStateAndNonce() throws Exception {
    Result result = browserLogin(cli());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonNode credential = JSON.readTree(result.stdout());
    String idToken = credential.path("status").path("token").asText();
    SignedJWT jwt = SignedJWT.parse(idToken);
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("pinniped-cli");
    assertThat(credential.path("status").path("expirationTimestamp").asText())
        .isEqualTo("2025-06-01T12:02:00Z");

    Map<String, String> authorize = provider.authorizeRequests().get(0);
    assertThat(authorize)
        .containsEntry("client_id", "pinniped-cli")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "groups offline_access openid pinniped:request-audience username")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("access_type", "offline")
        .containsEntry("response_mode", "form_post");
    assertThat(authorize.get("state")).matches("[0-9a-f]{32}");
    assertThat(authorize.get("nonce")).matches("[0-9a-f]{32}");
    assertThat(authorize.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:\\d+/callback");
    Map<String, String> redeem = provider.tokenRequests().get(0);
    assertThat(redeem.get("code_verifier")).matches("[0-9a-f]{64}");
    assertThat(redeem).containsEntry("redirect_uri", authorize.get("redirect_uri"));
    assertThat(jwt.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo(authorize.get("nonce"));
    assertThat(result.stderr()).doesNotContain(idToken);
  }

  @Test
  void aFormPostCallbackWithItsCorsPreflightLogsIn() throws Exception {
    Running running = cli().start(args());
    URI loginUrl = awaitLoginUrl(running);
    URI redirect = authorize(loginUrl);
    URI callback = URI.create(redirect.toString().substring(0, redirect.toString().indexOf('?')));
    Map<String, String> params = FakeOidcProvider.query(redirect);
    String origin = URI.create(provider.issuer()).resolve("/").toString().replaceAll("/$", "");

    HttpResponse<String> preflight =
        browser.send(
            HttpRequest.newBuilder(callback)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Headers", "content-type")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> noOrigin =
        browser.send(
            HttpRequest.newBuilder(callback)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrongMethod =
        browser.send(
            HttpRequest.newBuilder(callback).PUT(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> post =
        browser.send(
            HttpRequest.newBuilder(callback)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "code=" + params.get("code") + "&state=" + params.get("state")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Result result = running.await();

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
        .contains("GET, POST, OPTIONS");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Private-Network"))
        .contains("true");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
        .contains("content-type");
    assertThat(preflight.headers().firstValue("Vary")).contains("*");
    assertThat(noOrigin.statusCode()).isEqualTo(400);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
    assertThat(post.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
  }

  @Test
  void aCallbackWithTheWrongStateEndsTheLogin() throws Exception {
    Running running = cli().start(args());
    URI redirect = authorize(awaitLoginUrl(running));
    URI forged = URI.create(redirect.toString().replaceAll("state=[0-9a-f]+", "state=forged"));

    HttpResponse<String> answer = get(forged);
    Result result = running.await();

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).isEqualTo("Forbidden: missing or invalid state parameter");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .endsWith(
            "Error: could not complete Pinniped login: error handling callback: missing or invalid state parameter\n");
  }

  @Test
  void anIdTokenWithAnotherNonceIsRefused() throws Exception {
    provider.wrongNonce = "0123456789abcdef0123456789abcdef";
    Running running = cli().start(args());
    HttpResponse<String> answer = get(authorize(awaitLoginUrl(running)));
    Result result = running.await();

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .endsWith(
            "Error: could not complete Pinniped login: error handling callback: could not complete authorization code exchange: received ID token with invalid nonce\n");
  }

  @Test
  void aSessionWithALongLivedIdTokenIsReusedWithoutAnyRequest() throws Exception {
    provider.idTokenLifetime = Duration.ofMinutes(30);
    Result first = browserLogin(cli());
    int requests = provider.requestCount();

    clock.advance(Duration.ofMinutes(15));
    Result second = cli().run(args());

    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.stdout()).isEqualTo(first.stdout());
    assertThat(provider.requestCount()).isEqualTo(requests);
    assertThat(home.resolve(".config/pinniped/sessions.yaml")).exists();
  }

  @Test
  void aShortLivedIdTokenIsRefreshedWithoutTheBrowser() throws Exception {
    browserLogin(cli());

    Result second = cli().run(args());

    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(provider.tokenRequests("refresh_token")).isEqualTo(1);
    assertThat(provider.authorizeRequests()).hasSize(1);
    assertThat(second.stderr()).doesNotContain("Log in by visiting");
  }

  @Test
  void aRefusedRefreshFallsBackToTheBrowser() throws Exception {
    browserLogin(cli());
    provider.refreshAllowed = false;

    Result second = browserLogin(cli());

    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(provider.tokenRequests("refresh_token")).isEqualTo(1);
    assertThat(provider.authorizeRequests()).hasSize(2);
  }

  @Test
  void theCliPasswordFlowSendsTheCredentialsInHeadersToTheSupervisor() throws Exception {
    provider.supervisorIdps =
        "[{\"name\":\"my-ldap\",\"type\":\"ldap\",\"flows\":[\"cli_password\",\"browser_authcode\"]}]";

    Result result =
        cli()
            .env("PINNIPED_USERNAME", FakeOidcProvider.USERNAME)
            .env("PINNIPED_PASSWORD", FakeOidcProvider.PASSWORD)
            .run(
                args(
                    "--upstream-identity-provider-name=my-ldap",
                    "--upstream-identity-provider-type=ldap"));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stderr())
        .isEqualTo("\nLog in to my-ldap\n\n")
        .doesNotContain(FakeOidcProvider.PASSWORD);
    Map<String, String> authorize = provider.authorizeRequests().get(0);
    assertThat(authorize)
        .containsEntry("pinniped_idp_name", "my-ldap")
        .containsEntry("pinniped_idp_type", "ldap")
        .containsEntry("redirect_uri", "http://127.0.0.1:0/callback")
        .doesNotContainKey("response_mode");
    var request =
        provider.server().requests().stream()
            .filter(r -> r.path().endsWith("/authorize"))
            .findFirst()
            .orElseThrow();
    assertThat(request.headers())
        .containsEntry("pinniped-username", FakeOidcProvider.USERNAME)
        .containsEntry("pinniped-password", FakeOidcProvider.PASSWORD);
    assertThat(JSON.readTree(result.stdout()).path("status").path("token").asText()).isNotEmpty();
  }

  @Test
  void theCliPasswordFlowPromptsOnATerminal() {
    provider.supervisorIdps =
        "[{\"name\":\"my-ldap\",\"type\":\"ldap\",\"flows\":[\"cli_password\"]}]";

    Result result =
        cli()
            .terminal(true)
            .stdin(
                new java.io.ByteArrayInputStream(
                    (FakeOidcProvider.USERNAME + "\n" + FakeOidcProvider.PASSWORD + "\n")
                        .getBytes(StandardCharsets.UTF_8)))
            .run(
                args(
                    "--upstream-identity-provider-name=my-ldap",
                    "--upstream-identity-provider-type=ldap"));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stderr()).isEqualTo("\nLog in to my-ldap\n\nUsername: Password: \n");
  }

  @Test
  void aRejectedPasswordIsReported() {
    provider.supervisorIdps =
        "[{\"name\":\"my-ldap\",\"type\":\"ldap\",\"flows\":[\"cli_password\"]}]";

    Result result =
        cli()
            .env("PINNIPED_USERNAME", FakeOidcProvider.USERNAME)
            .env("PINNIPED_PASSWORD", "wrong")
            .run(
                args(
                    "--upstream-identity-provider-name=my-ldap",
                    "--upstream-identity-provider-type=ldap"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .endsWith(
            "Error: could not complete Pinniped login: login failed with code \"access_denied\": The resource owner or authorization server denied the request. Username/password not accepted by LDAP provider.\n");
  }

  @Test
  void withoutATerminalThePasswordFlowFailsFastAndSaysHowToLogIn() {
    provider.supervisorIdps =
        "[{\"name\":\"my-ldap\",\"type\":\"ldap\",\"flows\":[\"cli_password\"]}]";

    Result result =
        cli()
            .env(
                "KUBERNETES_EXEC_INFO",
                "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":false}}")
            .run(
                args(
                    "--upstream-identity-provider-name=my-ldap",
                    "--upstream-identity-provider-type=ldap"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .endsWith(
            "Error: could not complete Pinniped login: error prompting for username: kubectl runs this plugin without a terminal, so it cannot ask; set PINNIPED_USERNAME and PINNIPED_PASSWORD, or run a kubectl command from a terminal to log in\n");
    assertThat(provider.authorizeRequests()).isEmpty();
  }

  @Test
  void withoutATerminalOrAListenerTheBrowserFlowFailsFast() {
    Result result = cli().run(args("--skip-listen"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .endsWith(
            "Error: could not complete Pinniped login: login failed: must have either a localhost listener or stdin must be a TTY\n");
  }

  @Test
  void aPastedCodeLogsInWhenThereIsNoListener() throws Exception {
    PipedOutputStream keyboard = new PipedOutputStream();
    Running running =
        cli().terminal(true).stdin(new PipedInputStream(keyboard)).start(args("--skip-listen"));
    URI redirect = authorize(awaitLoginUrl(running));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> running.stderrSoFar().contains("Optionally, paste your authorization code: "));

    keyboard.write(
        (FakeOidcProvider.query(redirect).get("code") + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
    Result result = running.await();

    assertThat(redirect.toString()).startsWith("http://127.0.0.1:0/callback?");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(JSON.readTree(result.stdout()).path("status").path("token").asText()).isNotEmpty();
  }

  @Test
  void theIdpDiscoveryChoosesTheFlowAndTheEnvironmentMayOverrideIt() throws Exception {
    provider.supervisorIdps =
        "[{\"name\":\"my-oidc\",\"type\":\"oidc\",\"flows\":[\"browser_authcode\",\"cli_password\"]}]";

    Result overridden =
        cli()
            .env("PINNIPED_UPSTREAM_IDENTITY_PROVIDER_FLOW", "cli_password")
            .env("PINNIPED_USERNAME", FakeOidcProvider.USERNAME)
            .env("PINNIPED_PASSWORD", FakeOidcProvider.PASSWORD)
            .run(args("--upstream-identity-provider-name=my-oidc"));
    Result bogus =
        cli()
            .env("PINNIPED_UPSTREAM_IDENTITY_PROVIDER_FLOW", "device_code")
            .run(args("--upstream-identity-provider-name=my-oidc"));
    Result unknownIdp = cli().run(args("--upstream-identity-provider-name=nope"));

    assertThat(overridden.exitCode()).as(overridden.stderr()).isZero();
    assertThat(bogus.stderr())
        .isEqualTo(
            "Error: could not complete Pinniped login: WithLoginFlow error: loginFlow 'device_code' from 'PINNIPED_UPSTREAM_IDENTITY_PROVIDER_FLOW' must be 'cli_password' or 'browser_authcode'\n");
    assertThat(unknownIdp.stderr())
        .startsWith(
            "Error: could not complete Pinniped login: unable to find upstream identity provider with name \"nope\" and type \"oidc\". Found these providers: [{\"name\":\"my-oidc\"");
  }

  @Test
  void anIdpNameNeedsASupervisor() {
    Result result = cli().run(args("--upstream-identity-provider-name=my-ldap"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains(
            "does not offer Pinniped-style IDP discovery, so it does not appear to be a Pinniped Supervisor");
  }

  @Test
  void theIssuerMustBeHttps() {
    Result result =
        cli().run("login", "oidc", "--issuer=http://example.com", "--credential-cache=");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "Error: could not complete Pinniped login: issuer must be an https URL, but had scheme \"http\" instead\n");
  }

  @Test
  void theIssuerIsRequired() {
    Result result = cli().run("login", "oidc");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).startsWith("Error: Missing required option: '--issuer=URL'\n");
  }

  @Test
  void aRequestedAudienceIsObtainedByTokenExchange() throws Exception {
    Result result = browserLogin(cli(), "--request-audience=cluster-audience");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    SignedJWT jwt =
        SignedJWT.parse(JSON.readTree(result.stdout()).path("status").path("token").asText());
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("cluster-audience");
    Map<String, String> exchange =
        provider.tokenRequests().stream()
            .filter(
                r -> "urn:ietf:params:oauth:grant-type:token-exchange".equals(r.get("grant_type")))
            .findFirst()
            .orElseThrow();
    assertThat(exchange)
        .containsEntry("client_id", "pinniped-cli")
        .containsEntry("audience", "cluster-audience")
        .containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:access_token")
        .containsEntry("requested_token_type", "urn:ietf:params:oauth:token-type:jwt");
  }

  @Test
  void theIdTokenIsTradedAtTheConciergeAndTheCredentialIsCached() throws Exception {
    try (FakeConcierge concierge =
        new FakeConcierge(clock, "pinniped.dev", this::isProvidersToken)) {
      String[] conciergeArgs = {
        "--enable-concierge",
        "--concierge-endpoint=" + concierge.server().url(),
        "--concierge-ca-bundle-data=" + concierge.server().caBase64(),
        "--concierge-authenticator-type=jwt",
        "--concierge-authenticator-name=supervisor",
        "--credential-cache=" + home.resolve("credentials.yaml")
      };
      Result first = browserLogin(cli(), conciergeArgs);
      int providerRequests = provider.requestCount();
      Result second = cli().run(args(conciergeArgs));

      assertThat(first.exitCode()).as(first.stderr()).isZero();
      assertThat(
              JSON.readTree(first.stdout()).path("status").path("clientCertificateData").asText())
          .isEqualTo(FakeConcierge.CERTIFICATE);
      assertThat(second.stdout()).isEqualTo(first.stdout());
      assertThat(concierge.requestCount()).isEqualTo(1);
      assertThat(provider.requestCount()).isEqualTo(providerRequests);
    }
  }

  private boolean isProvidersToken(String token) {
    try {
      return SignedJWT.parse(token).getJWTClaimsSet().getIssuer().equals(provider.issuer());
    } catch (ParseException e) {
      return false;
    }
  }
}
