package dev.pinnipedjava.supervisor.endpoint.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.pinnipedjava.supervisor.clientsecret.Bcrypt;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretDocument;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretStorage;
import dev.pinnipedjava.supervisor.secretstore.KubernetesSecretStore;
import dev.pinnipedjava.supervisor.storage.StorageSchema;
import dev.pinnipedjava.supervisor.testing.DexUpstream;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.supervisor.testing.RunningIssuer;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.browser.Browser;
import dev.pinnipedjava.testkit.browser.BrowserOptions;
import dev.pinnipedjava.testkit.dex.DexServer;
import dev.pinnipedjava.testkit.dex.DexUser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The whole Supervisor against a real upstream: Dex (built from its Go module), a real API server,
 * and headless Chromium walking Dex's login page. The test redeems the code, refreshes, exchanges
 * for a cluster audience and verifies every JWT against the issuer's JWKS; logs in with the CLI
 * password flow; restarts the Supervisor in the middle of a login and between refreshes; and
 * deletes the signing key Secret. A web application (an OIDCClient) logs in through Dex in the
 * browser too and redeems its code with its client secret.
 */
@WithKubeControlPlane
class DexLoginIT {
  private static final String NAMESPACE = "dex-login-it";
  private static final String USER_PASSWORD = "pinny-password-123";
  private static final DexUser USER = DexUser.of("pinny", USER_PASSWORD);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEX_OFFERED =
      "{\"name\":\"Dex\",\"type\":\"oidc\",\"flows\":[\"browser_authcode\",\"cli_password\"]}";

  private static KubernetesClient client;
  private static RunningIssuer issuer;
  private static DexServer dex;

  @BeforeAll
  static void start(KubeControlPlane controlPlane) {
    client = controlPlane.adminClient();
    issuer = RunningIssuer.start(client, NAMESPACE, "/dex-login");
    dex = DexServer.start(DexUpstream.config(issuer.issuer()).user(USER).build());
    issuer.apply(DexUpstream.clientSecret(NAMESPACE));
    issuer.createReadyIdentityProvider(
        "OIDCIdentityProvider", "dex", DexUpstream.identityProviderSpec(dex));
    issuer.createFederationDomain(
        federationDomain -> federationDomain.identityProvider("Dex", "OIDCIdentityProvider", "dex"),
        List.of(DEX_OFFERED));
    awaitServing();
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

  /** Until the issuer serves its keys and offers Dex: after a start or a restart. */
  private static void awaitServing() {
    await("issuer serving with Dex offered")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(get("/jwks.json").statusCode()).isEqualTo(200);
              assertThat(get("/v1alpha1/pinniped_identity_providers").body()).contains(DEX_OFFERED);
            });
  }

  @Test
  void browserLoginThroughDexWithRestartsThenRefreshAndExchange() throws Exception {
    AtomicReference<String> callbackQuery = new AtomicReference<>();
    HttpServer cli =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
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
    String redirectUri = "http://127.0.0.1:" + cli.getAddress().getPort() + "/callback";
    try (Browser browser = Browser.start(BrowserOptions.trusting(issuer.caPem(), dex.caPem()))) {
      WebDriver driver = browser.driver();
      driver.get(
          issuer.issuer()
              + "/oauth2/authorize?"
              + IssuerHarness.encode(
                  IssuerHarness.with(
                      IssuerHarness.authorizeParameters(),
                      "redirect_uri",
                      redirectUri,
                      "pinniped_idp_name",
                      "Dex")));
      await("Dex login form")
          .atMost(Duration.ofSeconds(30))
          .until(() -> !driver.findElements(By.id("login")).isEmpty());
      assertThat(driver.getCurrentUrl()).startsWith(dex.issuer().toString());

      // The login continues at a new Supervisor: state, CSRF cookie and keys live in Secrets.
      issuer.restart();
      awaitServing();

      driver.findElement(By.id("login")).sendKeys(USER.email());
      driver.findElement(By.id("password")).sendKeys(USER_PASSWORD);
      driver.findElement(By.id("submit-login")).click();
      await("the CLI's callback")
          .atMost(Duration.ofSeconds(30))
          .until(() -> callbackQuery.get() != null);
    } finally {
      cli.stop(0);
    }
    Map<String, String> query = IssuerHarness.query("http://x/?" + callbackQuery.get());
    assertThat(query)
        .containsEntry("state", "client-state-123456")
        .containsEntry("iss", issuer.issuer());
    JsonNode tokens =
        token(
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
    JWTClaimsSet idToken = verified(tokens.path("id_token").asText());
    assertThat(idToken.getIssuer()).isEqualTo(issuer.issuer());
    assertThat(idToken.getStringClaim("username")).isEqualTo(USER.email());
    assertThat(idToken.getSubject()).startsWith(dex.issuer() + "?idpName=Dex&sub=");
    assertThat(idToken.getStringClaim("nonce")).isEqualTo("client-nonce-123456");

    // Each refresh goes to Dex with the stored (and rotated) upstream refresh token.
    JsonNode refreshed = refresh(tokens.path("refresh_token").asText());
    issuer.restart();
    awaitServing();
    JsonNode refreshedAgain = refresh(refreshed.path("refresh_token").asText());
    assertThat(verified(refreshedAgain.path("id_token").asText()).getStringClaim("username"))
        .isEqualTo(USER.email());

    JsonNode exchanged =
        token(
            Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", refreshedAgain.path("access_token").asText(),
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "requested_token_type", "urn:ietf:params:oauth:token-type:jwt",
                "audience", "cluster-a",
                "client_id", "pinniped-cli"));
    JWTClaimsSet clusterToken = verified(exchanged.path("access_token").asText());
    assertThat(clusterToken.getAudience()).containsExactly("cluster-a");
    assertThat(clusterToken.getStringClaim("username")).isEqualTo(USER.email());
  }

  @Test
  void webApplicationClientLogsInThroughDexAndRedeemsItsCodeWithItsSecret() throws Exception {
    String clientId = "client.oauth.pinniped.dev-dex-webapp";
    String clientSecret = "webapp-secret-webapp-secret-webapp-secret";
    GenericKubernetesResource oidcClient =
        client
            .resource(
                new GenericKubernetesResourceBuilder()
                    .withApiVersion("config.supervisor.pinniped.dev/v1alpha1")
                    .withKind("OIDCClient")
                    .withNewMetadata()
                    .withNamespace(NAMESPACE)
                    .withName(clientId)
                    .endMetadata()
                    .withAdditionalProperties(
                        Map.of(
                            "spec",
                            Map.of(
                                "allowedRedirectURIs", List.of("http://127.0.0.1/callback"),
                                "allowedGrantTypes", List.of("authorization_code"),
                                "allowedScopes", List.of("openid", "username"),
                                "tokenLifetimes", Map.of("idTokenSeconds", 900))))
                    .build())
            .create();
    new KubernetesSecretStore<>(
            client,
            NAMESPACE,
            ClientSecretStorage.TYPE,
            Clock.systemUTC(),
            StorageSchema.objectMapper())
        .create(
            ClientSecretStorage.signature(oidcClient.getMetadata().getUid()),
            ClientSecretDocument.of(
                List.of(new Bcrypt(new SecureRandom()).hash(clientSecret, Bcrypt.MIN_COST))),
            Map.of(),
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion(oidcClient.getApiVersion())
                    .withKind("OIDCClient")
                    .withName(clientId)
                    .withUid(oidcClient.getMetadata().getUid())
                    .build()),
            null);
    await("OIDCClient ready")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        String.valueOf(
                            client
                                .genericKubernetesResources(
                                    "config.supervisor.pinniped.dev/v1alpha1", "OIDCClient")
                                .inNamespace(NAMESPACE)
                                .withName(clientId)
                                .get()
                                .<Object>get("status", "phase")))
                    .isEqualTo("Ready"));

    AtomicReference<String> callbackQuery = new AtomicReference<>();
    HttpServer webapp =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webapp.createContext(
        "/callback",
        exchange -> {
          callbackQuery.set(exchange.getRequestURI().getRawQuery());
          byte[] body = "welcome to the web application".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    webapp.start();
    String redirectUri = "http://127.0.0.1:" + webapp.getAddress().getPort() + "/callback";
    try (Browser browser = Browser.start(BrowserOptions.trusting(issuer.caPem(), dex.caPem()))) {
      WebDriver driver = browser.driver();
      driver.get(
          issuer.issuer()
              + "/oauth2/authorize?"
              + IssuerHarness.encode(
                  IssuerHarness.with(
                      IssuerHarness.authorizeParameters(),
                      "client_id",
                      clientId,
                      "redirect_uri",
                      redirectUri,
                      "scope",
                      "openid username",
                      "pinniped_idp_name",
                      "Dex")));
      await("Dex login form")
          .atMost(Duration.ofSeconds(30))
          .until(() -> !driver.findElements(By.id("login")).isEmpty());
      driver.findElement(By.id("login")).sendKeys(USER.email());
      driver.findElement(By.id("password")).sendKeys(USER_PASSWORD);
      driver.findElement(By.id("submit-login")).click();
      await("the web application's callback")
          .atMost(Duration.ofSeconds(30))
          .until(() -> callbackQuery.get() != null);
      assertThat(driver.getPageSource()).contains("welcome to the web application");
    } finally {
      webapp.stop(0);
    }
    Map<String, String> query = IssuerHarness.query("http://x/?" + callbackQuery.get());
    assertThat(query)
        .containsEntry("state", "client-state-123456")
        .containsEntry("iss", issuer.issuer());
    Map<String, String> redeem =
        Map.of(
            "grant_type",
            "authorization_code",
            "code",
            IssuerHarness.required(query, "code"),
            "redirect_uri",
            redirectUri,
            "code_verifier",
            IssuerHarness.VERIFIER.getValue());

    HttpResponse<String> wrongSecret = tokenResponse(redeem, basic(clientId, "not-the-secret"));
    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(wrongSecret.body()).path("error").asText())
        .isEqualTo("invalid_client");

    HttpResponse<String> redeemed = tokenResponse(redeem, basic(clientId, clientSecret));
    assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(200);
    JsonNode tokens = JSON.readTree(redeemed.body());
    assertThat(tokens.has("refresh_token")).isFalse();
    JWTClaimsSet idToken = verified(tokens.path("id_token").asText());
    assertThat(idToken.getAudience()).containsExactly(clientId);
    assertThat(idToken.getStringClaim("username")).isEqualTo(USER.email());
    assertThat(idToken.getClaims()).doesNotContainKey("groups");
    assertThat(
            Duration.between(
                idToken.getIssueTime().toInstant(), idToken.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(15));
  }

  private static String basic(String clientId, String secret) {
    return "Basic " + base64(clientId + ":" + secret);
  }

  private static HttpResponse<String> tokenResponse(
      Map<String, String> form, String authorization) {
    return issuer.token(form, authorization);
  }

  @Test
  void cliPasswordFlowThroughDexPasswordGrant() throws Exception {
    HttpResponse<String> wrong = authorizeWithPassword(USER.email(), "not-the-password");
    assertThat(wrong.statusCode()).isEqualTo(302);
    assertThat(wrong.headers().firstValue("Location").orElseThrow())
        .contains("error=access_denied");

    HttpResponse<String> response = authorizeWithPassword(USER.email(), USER_PASSWORD);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    Map<String, String> query =
        IssuerHarness.query(response.headers().firstValue("Location").orElseThrow());
    JsonNode tokens =
        token(
            Map.of(
                "grant_type",
                "authorization_code",
                "code",
                IssuerHarness.required(query, "code"),
                "client_id",
                "pinniped-cli",
                "redirect_uri",
                IssuerHarness.CLI_REDIRECT,
                "code_verifier",
                IssuerHarness.VERIFIER.getValue()));
    assertThat(verified(tokens.path("id_token").asText()).getStringClaim("username"))
        .isEqualTo(USER.email());
    assertThat(
            verified(refresh(tokens.path("refresh_token").asText()).path("id_token").asText())
                .getStringClaim("username"))
        .isEqualTo(USER.email());
  }

  @Test
  void aDeletedSigningKeySecretIsRecreatedAndServed() throws Exception {
    String secretName = "fd-jwks";
    Secret before = client.secrets().inNamespace(NAMESPACE).withName(secretName).get();
    assertThat(before).isNotNull();
    String jwksBefore = get("/jwks.json").body();

    client.secrets().inNamespace(NAMESPACE).withName(secretName).delete();

    await("JWKS Secret recreated")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Secret now = client.secrets().inNamespace(NAMESPACE).withName(secretName).get();
              return now != null
                  && !now.getMetadata().getUid().equals(before.getMetadata().getUid());
            });
    await("new key served")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !get("/jwks.json").body().equals(jwksBefore));
    assertThat(get("/.well-known/openid-configuration").statusCode()).isEqualTo(200);
    // Tokens issued from now on verify with the new key.
    HttpResponse<String> response = authorizeWithPassword(USER.email(), USER_PASSWORD);
    Map<String, String> query =
        IssuerHarness.query(response.headers().firstValue("Location").orElseThrow());
    JsonNode tokens =
        token(
            Map.of(
                "grant_type",
                "authorization_code",
                "code",
                IssuerHarness.required(query, "code"),
                "client_id",
                "pinniped-cli",
                "redirect_uri",
                IssuerHarness.CLI_REDIRECT,
                "code_verifier",
                IssuerHarness.VERIFIER.getValue()));
    verified(tokens.path("id_token").asText());
  }

  private static HttpResponse<String> authorizeWithPassword(String username, String password) {
    return issuer.authorizeWithPassword("Dex", username, password);
  }

  private static JsonNode refresh(String refreshToken) {
    return succeeded(issuer.refresh(refreshToken));
  }

  private static JsonNode token(Map<String, String> form) {
    return succeeded(issuer.token(form));
  }

  private static JsonNode succeeded(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return RunningIssuer.json(response);
  }

  /** The claims of a JWT the issuer signed, which has not expired. */
  private static JWTClaimsSet verified(String jwt) {
    JWTClaimsSet claims = issuer.verified(jwt);
    assertThat(claims.getExpirationTime()).isInTheFuture();
    return claims;
  }

  private static HttpResponse<String> get(String path) {
    return issuer.get(path);
  }

  private static String base64(String text) {
    return RunningIssuer.base64(text);
  }
}
