package dev.pinnipedjava.concierge.authenticator;

import dev.pinnipedjava.pki.InvalidPemException;
import dev.pinnipedjava.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
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
   * The bundle in {@code spec.tls.certificateAuthorityData}: base64 of PEM certificates.
   *
   * @param field the field's path, for messages
   * @throws IllegalArgumentException with a message fit for a status condition
   */
  public static CaBundle fromBase64Pem(String base64, String field) {
    byte[] pem;
    try {
      pem = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is invalid: illegal base64 data", e);
    }
    String text = new String(pem, StandardCharsets.UTF_8);
    try {
      return new CaBundle(Pem.decodeCertificates(text), sha256(pem));
    } catch (InvalidPemException e) {
      throw new IllegalArgumentException(
          field
              + " is invalid: no base64-encoded PEM certificates found in "
              + base64.length()
              + " bytes of data (PEM certificates must begin with \"-----BEGIN"
              + " CERTIFICATE-----\")",
          e);
    }
  }

  /**
   * The bundle read from a Secret or ConfigMap: PEM certificates.
   *
   * @throws InvalidPemException when the text holds no PEM certificate
   */
  public static CaBundle fromPem(String pem) {
    byte[] bytes = pem.getBytes(StandardCharsets.UTF_8);
    return new CaBundle(Pem.decodeCertificates(pem), sha256(bytes));
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
