package dev.pinnipedjava.supervisor.server;

import static dev.pinnipedjava.supervisor.testing.TestFederationDomains.federationDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.supervisor.testing.RunningSupervisor;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.loopback.ProbeClient;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The issuer endpoints over real HTTPS, reached with the JDK's HTTP client at 127.0.0.1 with the
 * issuer's host name in SNI and {@code Host}: every endpoint, certificate choice by SNI, reload,
 * the TLS profile, and the bootstrap certificate.
 */
@WithKubeControlPlane
class SupervisorHttpsIT {
  private static final String NAMESPACE = "https-it";
  private static final String ISSUER_HOST = "issuer.example.com";
  private static final String ISSUER = "https://" + ISSUER_HOST + "/some/path";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.systemUTC();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final CertificateAuthority CA =
      CertificateAuthority.create("https-it-ca", Duration.ofDays(1), CLOCK, RANDOM);

  private static RunningSupervisor supervisor;
  private static KubernetesClient client;
  private static IssuedCertificate issuerCertificate;
  private static IssuedCertificate defaultCertificate;

  @BeforeAll
  static void start(KubeControlPlane controlPlane) {
    client = controlPlane.adminClient();
    supervisor = RunningSupervisor.start(client, NAMESPACE);
    issuerCertificate = certificate(ISSUER_HOST);
    defaultCertificate = certificate("default.example.com");
    writeTlsSecret("issuer-tls", issuerCertificate);
    writeTlsSecret("pinniped-supervisor-default-tls-certificate", defaultCertificate);
    supervisor.createOidcIdentityProvider("okta-resource", true);
    FederationDomain federationDomain =
        federationDomain()
            .namespace(NAMESPACE)
            .name("https-fd")
            .issuer(ISSUER)
            .tlsSecretName("issuer-tls")
            .identityProvider("Okta", "OIDCIdentityProvider", "okta-resource")
            .build();
    federationDomain.getMetadata().setUid(null);
    client.resource(federationDomain).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              FederationDomain stored =
                  client
                      .resources(FederationDomain.class)
                      .inNamespace(NAMESPACE)
                      .withName("https-fd")
                      .get();
              return stored.getStatus() != null && stored.getStatus().phase() == Phase.READY;
            });
    await("issuer certificate loaded")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                servedCertificate(supervisor.port(), ISSUER_HOST)
                    .equals(issuerCertificate.certificate()));
  }

  @AfterAll
  static void stop() {
    supervisor.close();
  }

  private static IssuedCertificate certificate(String hostname) {
    return CA.issueServingCertificate(
        hostname,
        List.of(hostname),
        List.of(InetAddress.getLoopbackAddress()),
        Duration.ofHours(1));
  }

  private static void writeTlsSecret(String name, IssuedCertificate certificate) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName(name)
                .endMetadata()
                .withType("kubernetes.io/tls")
                .withData(
                    Map.of(
                        "tls.crt", base64(certificate.certificatePem()),
                        "tls.key", base64(certificate.privateKeyPem())))
                .build())
        .serverSideApply();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A new client (no pooled connection) that sends {@code serverName} in SNI, if given. */
  private static HttpClient httpClient(@Nullable String serverName, String... cipherSuites) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("ca", CA.certificate());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), RANDOM);
      SSLParameters parameters = context.getDefaultSSLParameters();
      if (serverName != null) {
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
      }
      if (cipherSuites.length > 0) {
        parameters.setCipherSuites(cipherSuites);
        parameters.setProtocols(new String[] {"TLSv1.2"});
      }
      return HttpClient.newBuilder()
          .sslContext(context)
          .sslParameters(parameters)
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> get(
      int port, @Nullable String serverName, String host, String path) {
    return send(httpClient(serverName), port, "GET", host, path);
  }

  private static HttpResponse<String> send(
      HttpClient httpClient, int port, String method, String host, String path) {
    try {
      return httpClient.send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
              .header("Host", host)
              .method(method, HttpRequest.BodyPublishers.noBody())
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("request to " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate servedCertificate(int port, @Nullable String serverName) {
    HttpResponse<String> response = get(port, serverName, ISSUER_HOST, "/healthz");
    try {
      return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> issuerGet(String endpointPath) {
    return get(supervisor.port(), ISSUER_HOST, ISSUER_HOST, "/some/path" + endpointPath);
  }

  private static void assertSecurityHeaders(HttpResponse<String> response) {
    Map<String, List<String>> headers = response.headers().map();
    assertThat(headers)
        .containsEntry(
            "content-security-policy", List.of("default-src 'none'; frame-ancestors 'none'"))
        .containsEntry("x-frame-options", List.of("DENY"))
        .containsEntry("x-xss-protection", List.of("1; mode=block"))
        .containsEntry("x-content-type-options", List.of("nosniff"))
        .containsEntry("referrer-policy", List.of("no-referrer"))
        .containsEntry("x-dns-prefetch-control", List.of("off"))
        .containsEntry("pragma", List.of("no-cache"))
        .containsEntry("expires", List.of("0"));
    assertThat(headers.get("cache-control"))
        .containsExactly("no-cache", "no-store", "max-age=0", "must-revalidate");
    assertThat(response.headers().firstValue("audit-id")).isPresent();
  }

  @Test
  void servesTheDiscoveryDocument() throws IOException {
    HttpResponse<String> response = issuerGet("/.well-known/openid-configuration");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    JsonNode document = JSON.readTree(response.body());
    assertThat(document.path("issuer").asText()).isEqualTo(ISSUER);
    assertThat(document.path("jwks_uri").asText()).isEqualTo(ISSUER + "/jwks.json");
    assertThat(
            document
                .path("discovery.supervisor.pinniped.dev/v1alpha1")
                .path("pinniped_identity_providers_endpoint")
                .asText())
        .isEqualTo(ISSUER + "/v1alpha1/pinniped_identity_providers");
    assertSecurityHeaders(response);
  }

  @Test
  void servesTheSigningKeysOfTheFederationDomain() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> response = issuerGet("/jwks.json");
              assertThat(response.statusCode()).isEqualTo(200);
              JsonNode key = JSON.readTree(response.body()).path("keys").path(0);
              assertThat(key.path("kid").asText()).isEqualTo("pinniped-supervisor-key");
              assertThat(key.path("crv").asText()).isEqualTo("P-256");
              assertThat(key.has("d")).isFalse();
              assertSecurityHeaders(response);
            });
  }

  @Test
  void servesOnlyTheIdentityProvidersThatTheirControllerValidated() {
    // The FederationDomain lists Okta, but its issuer cannot be discovered: it is not offered.
    HttpResponse<String> response = issuerGet("/v1alpha1/pinniped_identity_providers");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"pinniped_identity_providers\":[],"
                + "\"pinniped_supported_identity_provider_types\":[{\"type\":\"activedirectory\"},"
                + "{\"type\":\"github\"},{\"type\":\"ldap\"},{\"type\":\"oidc\"}]}\n");
    assertSecurityHeaders(response);
  }

  @Test
  void answersOnlyGet() {
    HttpResponse<String> response =
        send(
            httpClient(ISSUER_HOST),
            supervisor.port(),
            "POST",
            ISSUER_HOST,
            "/some/path/.well-known/openid-configuration");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).isEqualTo("Method not allowed (try GET)\n");
  }

  @Test
  void hostCaseDoesNotMatterButThePathMust() {
    assertThat(
            get(
                    supervisor.port(),
                    ISSUER_HOST,
                    "ISSUER.Example.COM",
                    "/some/path/.well-known/openid-configuration")
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> wrongPath =
        get(
            supervisor.port(),
            ISSUER_HOST,
            ISSUER_HOST,
            "/some/other/.well-known/openid-configuration");
    assertThat(wrongPath.statusCode()).isEqualTo(404);
    assertThat(wrongPath.body()).isEqualTo("{\"error\":\"not_found\"}\n");
    assertSecurityHeaders(wrongPath);
    HttpResponse<String> otherHost =
        get(
            supervisor.port(),
            ISSUER_HOST,
            "other.example.com",
            "/some/path/.well-known/openid-configuration");
    assertThat(otherHost.statusCode()).isEqualTo(404);
  }

  @Test
  void healthzIsOk() {
    HttpResponse<String> response = get(supervisor.port(), null, "anything", "/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertSecurityHeaders(response);
  }

  @Test
  void choosesTheCertificateBySni() {
    assertThat(servedCertificate(supervisor.port(), ISSUER_HOST))
        .isEqualTo(issuerCertificate.certificate());
    assertThat(servedCertificate(supervisor.port(), "ISSUER.example.com"))
        .isEqualTo(issuerCertificate.certificate());
    assertThat(servedCertificate(supervisor.port(), "unknown.example.com"))
        .isEqualTo(defaultCertificate.certificate());
    assertThat(servedCertificate(supervisor.port(), null))
        .isEqualTo(defaultCertificate.certificate());
  }

  @Test
  void reloadsAChangedCertificate() {
    IssuedCertificate renewed = certificate(ISSUER_HOST);
    writeTlsSecret("issuer-tls", renewed);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> servedCertificate(supervisor.port(), ISSUER_HOST).equals(renewed.certificate()));
    issuerCertificate = renewed;
  }

  @Test
  void refusesTls12CipherSuitesOutsideTheDefaultProfile() {
    HttpClient cbc = httpClient(ISSUER_HOST, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
    assertThatThrownBy(() -> send(cbc, supervisor.port(), "GET", ISSUER_HOST, "/healthz"))
        .hasRootCauseInstanceOf(SSLHandshakeException.class);

    HttpClient gcm = httpClient(ISSUER_HOST, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    assertThat(send(gcm, supervisor.port(), "GET", ISSUER_HOST, "/healthz").statusCode())
        .isEqualTo(200);
  }

  @Test
  void withoutAnyCertificateOnlyHealthzWorks() {
    try (RunningSupervisor bare = RunningSupervisor.start(client, "https-bootstrap-it")) {
      X509Certificate served;
      HttpClient trustingNothingUseful = httpClient(null);
      // The bootstrap certificate is not signed by the test CA: the handshake fails for a verifying
      // client, which is why Pinniped serves only health checks with it.
      assertThatThrownBy(() -> send(trustingNothingUseful, bare.port(), "GET", "x", "/healthz"))
          .hasCauseInstanceOf(SSLHandshakeException.class)
          .hasStackTraceContaining("PKIX");
      HttpClient trustingAll = ProbeClient.client();
      HttpResponse<String> health = send(trustingAll, bare.port(), "GET", "x", "/healthz");
      assertThat(health.statusCode()).isEqualTo(200);
      try {
        served = (X509Certificate) health.sslSession().orElseThrow().getPeerCertificates()[0];
      } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
        throw new IllegalStateException(e);
      }
      assertThat(served.getIssuerX500Principal().getName())
          .isEqualTo("CN=pinniped-supervisor-bootstrap-ca");
      HttpResponse<String> other =
          send(trustingAll, bare.port(), "GET", "x", "/.well-known/openid-configuration");
      assertThat(other.statusCode()).isEqualTo(500);
      assertThat(other.body())
          .isEqualTo("pinniped supervisor has invalid TLS serving certificate configuration\n");
    }
  }
}
