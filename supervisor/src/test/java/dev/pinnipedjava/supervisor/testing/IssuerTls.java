package dev.pinnipedjava.supervisor.testing;

import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTPS of a test issuer on 127.0.0.1: a CA of its own, the Supervisor's default serving
 * certificate Secret it signs, and an HTTP client that trusts it and follows no redirects, as a CLI
 * calls the issuer.
 */
public final class IssuerTls {
  public static final String DEFAULT_TLS_SECRET = "pinniped-supervisor-default-tls-certificate";

  private final CertificateAuthority ca;

  private IssuerTls(CertificateAuthority ca) {
    this.ca = ca;
  }

  /** A new CA named {@code name}. */
  public static IssuerTls create(String name) {
    return new IssuerTls(
        CertificateAuthority.create(
            name, Duration.ofDays(1), Clock.systemUTC(), new SecureRandom()));
  }

  /** The CA, PEM. */
  public String caPem() {
    return ca.certificatePem();
  }

  /**
   * The Supervisor's default serving certificate for 127.0.0.1, as a Secret of {@code namespace}.
   */
  public Secret servingCertificateSecret(String namespace) {
    IssuedCertificate serving =
        ca.issueServingCertificate(
            "127.0.0.1", List.of(), List.of(InetAddress.getLoopbackAddress()), Duration.ofHours(4));
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(DEFAULT_TLS_SECRET)
        .endMetadata()
        .withType("kubernetes.io/tls")
        .withData(
            Map.of(
                "tls.crt", base64(serving.certificatePem()),
                "tls.key", base64(serving.privateKeyPem())))
        .build();
  }

  /** An HTTP/1.1 client that trusts only this CA and follows no redirects. */
  public HttpClient httpClient() {
    return httpClientTrusting(ca);
  }

  /** An HTTP/1.1 client that trusts only {@code ca} and follows no redirects. */
  public static HttpClient httpClientTrusting(CertificateAuthority ca) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca.certificate());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return HttpClient.newBuilder()
          .sslContext(context)
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build an HTTP client trusting the issuer's CA", e);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
