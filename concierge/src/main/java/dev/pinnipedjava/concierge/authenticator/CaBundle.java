package dev.pinnipedjava.concierge.authenticator;

import dev.pinnipedjava.pki.InvalidPemException;
import dev.pinnipedjava.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The CA certificates an authenticator trusts when it calls its identity provider, from an
 * authenticator's {@code spec.tls}, inline or read from a Secret or ConfigMap. Identified by the
 * SHA-256 of its PEM text, so a controller can tell whether it changed.
 *
 * @param certificates the trusted CAs
 * @param sha256 hex SHA-256 of the PEM bundle
 */
public record CaBundle(List<X509Certificate> certificates, String sha256) {
  public CaBundle {
    certificates = List.copyOf(certificates);
  }

  /**
   * The bundle of PEM certificates, inline in {@code spec.tls} or read from a Secret or ConfigMap.
   *
   * @throws InvalidPemException when the text holds no PEM certificate
   */
  public static CaBundle fromPem(byte[] pem) {
    return new CaBundle(
        Pem.decodeCertificates(new String(pem, StandardCharsets.UTF_8)), sha256(pem));
  }

  /** Sockets that trust exactly these CAs (and verify host names as usual). */
  public SSLSocketFactory socketFactory() {
    return sslContext().getSocketFactory();
  }

  /** A TLS client context that trusts exactly these CAs. */
  public SSLContext sslContext() {
    try {
      KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
      trustStore.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        trustStore.setCertificateEntry("ca-" + i, certificates.get(i));
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS context for the CA bundle", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
