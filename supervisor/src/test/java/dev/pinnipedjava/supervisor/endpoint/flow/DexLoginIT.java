package dev.pinnipedjava.supervisor.endpoint.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.supervisor.clientsecret.Bcrypt;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretDocument;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretStorage;
import dev.pinnipedjava.supervisor.secretstore.KubernetesSecretStore;
import dev.pinnipedjava.supervisor.storage.StorageSchema;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.supervisor.testing.RunningSupervisor;
import dev.pinnipedjava.supervisor.testing.TestFederationDomains;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.browser.Browser;
import dev.pinnipedjava.testkit.browser.BrowserOptions;
import dev.pinnipedjava.testkit.dex.DexClient;
import dev.pinnipedjava.testkit.dex.DexConfig;
import dev.pinnipedjava.testkit.dex.DexServer;
import dev.pinnipedjava.testkit.dex.DexUser;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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

  private static KubernetesClient client;
  private static RunningSupervisor supervisor;
  private static DexServer dex;
  private static CertificateAuthority supervisorCa;
  private static String issuer;
  private static HttpClient http;

  @BeforeAll
  static void start(KubeControlPlane controlPlane) {
    client = controlPlane.adminClient();
    int port = LoopbackPorts.allocate(1).get(0);
    issuer = "https://127.0.0.1:" + port + "/dex-login";
    supervisor = RunningSupervisor.start(client, NAMESPACE, port);
    SecureRandom random = new SecureRandom();
    supervisorCa =
        CertificateAuthority.create(
            "dex-login-it-ca", Duration.ofDays(1), Clock.systemUTC(), random);
    IssuedCertificate serving =
        supervisorCa.issueServingCertificate(
            "127.0.0.1", List.of(), List.of(InetAddress.getLoopbackAddress()), Duration.ofHours(2));
    apply(
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName("pinniped-supervisor-default-tls-certificate")
            .endMetadata()
            .withType("kubernetes.io/tls")
            .withData(
                Map.of(
                    "tls.crt", base64(serving.certificatePem()),
                    "tls.key", base64(serving.privateKeyPem())))
            .build());
    dex =
        DexServer.start(
            DexConfig.builder()
                .user(USER)
                .client(
                    new DexClient(
                        "pinniped-supervisor",
                        "dex-client-secret-for-the-supervisor",
                        List.of(URI.create(issuer + "/callback"))))
                .build());
    apply(
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName("dex-client")
            .endMetadata()
            .withType("secrets.pinniped.dev/oidc-client")
            .withData(
                Map.of(
                    "clientID", base64("pinniped-supervisor"),
                    "clientSecret", base64("dex-client-secret-for-the-supervisor")))
            .build());
    GenericKubernetesResource identityProvider =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("idp.supervisor.pinniped.dev/v1alpha1")
            .withKind("OIDCIdentityProvider")
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName("dex")
            .endMetadata()
            .withAdditionalProperties(
                Map.of(
                    "spec",
                    Map.of(
                        "issuer", dex.issuer().toString(),
                        "tls", Map.of("certificateAuthorityData", base64(dex.caPem())),
                        "client", Map.of("secretName", "dex-client"),
                        "authorizationConfig", Map.of("allowPasswordGrant", true),
                        "claims", Map.of("username", "email"))))
            .build();
    client.resource(identityProvider).create();
    await("OIDCIdentityProvider ready")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        String.valueOf(
                            client
                                .genericKubernetesResources(
                                    "idp.supervisor.pinniped.dev/v1alpha1", "OIDCIdentityProvider")
                                .inNamespace(NAMESPACE)
                                .withName("dex")
                                .get()
                                .<Object>get("status", "phase")))
                    .isEqualTo("Ready"));
    FederationDomain federationDomain =
        TestFederationDomains.federationDomain()
            .namespace(NAMESPACE)
            .name("dex-login")
            .issuer(issuer)
            .identityProvider("Dex", "OIDCIdentityProvider", "dex")
            .build();
    federationDomain.getMetadata().setUid(null);
    client.resource(federationDomain).create();
    await("FederationDomain ready")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              FederationDomain stored =
                  client
                      .resources(FederationDomain.class)
                      .inNamespace(NAMESPACE)
                      .withName("dex-login")
                      .get();
              return stored.getStatus() != null && stored.getStatus().phase() == Phase.READY;
            });
    http = httpClient();
    awaitServing();
  }

  @AfterAll
  static void stop() {
    if (dex != null) {
      dex.close();
    }
    if (supervisor != null) {
      supervisor.close();
    }
  }

  /** Until the issuer serves its keys and offers Dex: after a start or a restart. */
  private static void awaitServing() {
    await("issuer serving with Dex offered")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(get("/jwks.json").statusCode()).isEqualTo(200);
              assertThat(get("/v1alpha1/pinniped_identity_providers").body())
                  .contains(
                      "{\"name\":\"Dex\",\"type\":\"oidc\",\"flows\":[\"browser_authcode\",\"cli_password\"]}");
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
    try (Browser browser =
        Browser.start(BrowserOptions.trusting(supervisorCa.certificatePem(), dex.caPem()))) {
      WebDriver driver = browser.driver();
      driver.get(
          issuer
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
      supervisor.restart();
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
    assertThat(query).containsEntry("state", "client-state-123456").containsEntry("iss", issuer);
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
    assertThat(idToken.getIssuer()).isEqualTo(issuer);
    assertThat(idToken.getStringClaim("username")).isEqualTo(USER.email());
    assertThat(idToken.getSubject()).startsWith(dex.issuer() + "?idpName=Dex&sub=");
    assertThat(idToken.getStringClaim("nonce")).isEqualTo("client-nonce-123456");

    // Each refresh goes to Dex with the stored (and rotated) upstream refresh token.
    JsonNode refreshed = refresh(tokens.path("refresh_token").asText());
    supervisor.restart();
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
    try (Browser browser =
        Browser.start(BrowserOptions.trusting(supervisorCa.certificatePem(), dex.caPem()))) {
      WebDriver driver = browser.driver();
      driver.get(
          issuer
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
    assertThat(query).containsEntry("state", "client-state-123456").containsEntry("iss", issuer);
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

  private static HttpResponse<String> tokenResponse(Map<String, String> form, String authorization)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(IssuerHarness.encode(form)))
            .timeout(Duration.ofSeconds(60))
            .build(),
        HttpResponse.BodyHandlers.ofString());
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
    String secretName = "dex-login-jwks";
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

  private static HttpResponse<String> authorizeWithPassword(String username, String password)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    issuer
                        + "/oauth2/authorize?"
                        + IssuerHarness.encode(
                            IssuerHarness.with(
                                IssuerHarness.authorizeParameters(), "pinniped_idp_name", "Dex"))))
            .header("Pinniped-Username", username)
            .header("Pinniped-Password", password)
            .timeout(Duration.ofSeconds(60))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode refresh(String refreshToken) throws IOException, InterruptedException {
    return token(
        Map.of(
            "grant_type", "refresh_token",
            "refresh_token", refreshToken,
            "client_id", "pinniped-cli"));
  }

  private static JsonNode token(Map<String, String> form) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(IssuerHarness.encode(form)))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JWTClaimsSet verified(String jwt) throws ParseException, JOSEException {
    SignedJWT signed = SignedJWT.parse(jwt);
    JWKSet keys = JWKSet.parse(get("/jwks.json").body());
    ECKey key = (ECKey) keys.getKeyByKeyId(signed.getHeader().getKeyID());
    assertThat(key).isNotNull();
    assertThat(signed.verify(new ECDSAVerifier(key))).isTrue();
    JWTClaimsSet claims = signed.getJWTClaimsSet();
    assertThat(claims.getExpirationTime()).isInTheFuture();
    return claims;
  }

  private static HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(issuer + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpClient httpClient() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("ca", supervisorCa.certificate());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return HttpClient.newBuilder()
          .sslContext(context)
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .build();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void apply(Secret secret) {
    client.resource(secret).serverSideApply();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
