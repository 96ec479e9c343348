package dev.pinnipedjava.supervisor.testing;

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
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole Supervisor on a real API server serving one FederationDomain over HTTPS (a serving
 * certificate of its own CA): identity provider resources and their Secrets created through the
 * API, and the token endpoint called as a CLI does.
 */
public final class RunningIssuer implements AutoCloseable {
  public static final String IDP_API = "idp.supervisor.pinniped.dev/v1alpha1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final String namespace;
  private final RunningSupervisor supervisor;
  private final IssuerTls tls;
  private final String issuer;
  private final HttpClient http;

  private RunningIssuer(
      KubernetesClient client,
      String namespace,
      RunningSupervisor supervisor,
      IssuerTls tls,
      String issuer) {
    this.client = client;
    this.namespace = namespace;
    this.supervisor = supervisor;
    this.tls = tls;
    this.issuer = issuer;
    this.http = tls.httpClient();
  }

  /** Starts the Supervisor in {@code namespace}; its issuer will be at {@code path}. */
  public static RunningIssuer start(KubernetesClient client, String namespace, String path) {
    int port = LoopbackPorts.allocate(1).get(0);
    RunningSupervisor supervisor = RunningSupervisor.start(client, namespace, port);
    IssuerTls tls = IssuerTls.create(namespace + "-ca");
    RunningIssuer running =
        new RunningIssuer(client, namespace, supervisor, tls, "https://127.0.0.1:" + port + path);
    running.apply(tls.servingCertificateSecret(namespace));
    return running;
  }

  public String issuer() {
    return issuer;
  }

  /** The CA of the issuer's serving certificate, PEM. */
  public String caPem() {
    return tls.caPem();
  }

  /**
   * Stops the Supervisor and starts a new one on the same port and namespace; what it keeps lives
   * in Secrets.
   */
  public void restart() {
    supervisor.restart();
  }

  /** Creates (or replaces) a Secret of the Supervisor's namespace. */
  public void secret(String name, String type, Map<String, String> data) {
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach((key, value) -> encoded.put(key, base64(value)));
    apply(
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata()
            .withType(type)
            .withData(encoded)
            .build());
  }

  /** Creates (or replaces) a Secret. */
  public void apply(Secret secret) {
    client.resource(secret).serverSideApply();
  }

  /** Creates an identity provider resource and waits for its {@code Ready} phase. */
  public void createReadyIdentityProvider(String kind, String name, Map<String, Object> spec) {
    createIdentityProvider(kind, name, spec);
    awaitIdentityProviderPhase(kind, name, "Ready");
  }

  /** Creates an identity provider resource. */
  public void createIdentityProvider(String kind, String name, Map<String, Object> spec) {
    client
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion(IDP_API)
                .withKind(kind)
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build())
        .create();
  }

  /** Waits until an identity provider resource reports {@code phase}. */
  public void awaitIdentityProviderPhase(String kind, String name, String phase) {
    await(kind + " " + name + " " + phase)
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              GenericKubernetesResource stored = identityProvider(kind, name);
              assertThat(String.valueOf(stored.<Object>get("status", "phase")))
                  .as(String.valueOf(stored.<Object>get("status", "conditions")))
                  .isEqualTo(phase);
            });
  }

  /** The identity provider resource as stored. */
  public GenericKubernetesResource identityProvider(String kind, String name) {
    return client
        .genericKubernetesResources(IDP_API, kind)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  /**
   * Creates the FederationDomain of the issuer with the identity providers {@code configure} adds,
   * and waits until the issuer offers {@code wantOffered} (identity provider discovery entries).
   */
  public void createFederationDomain(
      Consumer<TestFederationDomains> configure, List<String> wantOffered) {
    TestFederationDomains builder =
        TestFederationDomains.federationDomain().namespace(namespace).name("fd").issuer(issuer);
    configure.accept(builder);
    FederationDomain federationDomain = builder.build();
    federationDomain.getMetadata().setUid(null);
    client.resource(federationDomain).create();
    await("FederationDomain ready")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              FederationDomain stored =
                  client
                      .resources(FederationDomain.class)
                      .inNamespace(namespace)
                      .withName("fd")
                      .get();
              return stored.getStatus() != null && stored.getStatus().phase() == Phase.READY;
            });
    await("issuer serving with its identity providers offered")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              String offered = get("/v1alpha1/pinniped_identity_providers").body();
              wantOffered.forEach(want -> assertThat(offered).contains(want));
            });
  }

  /** The authorize URL of a CLI login (PKCE and state of {@link IssuerHarness}). */
  public String authorizeUrl(String redirectUri, String... changes) {
    Map<String, String> parameters =
        IssuerHarness.with(IssuerHarness.authorizeParameters(), "redirect_uri", redirectUri);
    return issuer
        + "/oauth2/authorize?"
        + IssuerHarness.encode(IssuerHarness.with(parameters, changes));
  }

  /** Redeems a code given to {@code redirectUri}; asserts success. */
  public JsonNode redeem(String code, String redirectUri) {
    HttpResponse<String> response =
        token(
            Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "client_id",
                "pinniped-cli",
                "redirect_uri",
                redirectUri,
                "code_verifier",
                IssuerHarness.VERIFIER.getValue()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  /**
   * The authorize request of the CLI password flow ({@code Pinniped-Username}/{@code
   * Pinniped-Password}) with identity provider {@code idpName}.
   */
  public HttpResponse<String> authorizeWithPassword(
      String idpName, String username, String password) {
    return send(
        HttpRequest.newBuilder(
                URI.create(
                    issuer
                        + "/oauth2/authorize?"
                        + IssuerHarness.encode(
                            IssuerHarness.with(
                                IssuerHarness.authorizeParameters(),
                                "pinniped_idp_name",
                                idpName))))
            .header("Pinniped-Username", username)
            .header("Pinniped-Password", password)
            .timeout(Duration.ofSeconds(60))
            .build());
  }

  public HttpResponse<String> refresh(String refreshToken) {
    return token(
        Map.of(
            "grant_type", "refresh_token",
            "refresh_token", refreshToken,
            "client_id", "pinniped-cli"));
  }

  public HttpResponse<String> token(Map<String, String> form) {
    return send(tokenRequest(form).build());
  }

  /** A token request authenticated with {@code authorization}, as a confidential client sends. */
  public HttpResponse<String> token(Map<String, String> form, String authorization) {
    return send(tokenRequest(form).header("Authorization", authorization).build());
  }

  private HttpRequest.Builder tokenRequest(Map<String, String> form) {
    return HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(IssuerHarness.encode(form)))
        .timeout(Duration.ofSeconds(60));
  }

  public HttpResponse<String> get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(issuer + path)).timeout(Duration.ofSeconds(10)).build());
  }

  /** The claims of a JWT whose ES256 signature the issuer's JWKS verifies. */
  public JWTClaimsSet verified(String jwt) {
    try {
      SignedJWT signed = SignedJWT.parse(jwt);
      ECKey key =
          (ECKey)
              JWKSet.parse(get("/jwks.json").body()).getKeyByKeyId(signed.getHeader().getKeyID());
      assertThat(key).as("a JWKS key with the token's kid").isNotNull();
      assertThat(signed.verify(new ECDSAVerifier(key))).as("signature").isTrue();
      return signed.getJWTClaimsSet();
    } catch (ParseException | JOSEException e) {
      throw new AssertionError(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  public static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    supervisor.close();
  }
}
