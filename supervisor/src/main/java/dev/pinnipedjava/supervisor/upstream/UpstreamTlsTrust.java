package dev.pinnipedjava.supervisor.upstream;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Which certificate authorities an upstream connection trusts: a PEM bundle from the provider's
 * {@code spec.tls}, or the system's roots when there is none.
 */
public final class UpstreamTlsTrust {
  private static final UpstreamTlsTrust SYSTEM = new UpstreamTlsTrust(null, List.of());

  private final byte @Nullable [] bundle;
  private final List<X509Certificate> certificates;

  private UpstreamTlsTrust(byte @Nullable [] bundle, List<X509Certificate> certificates) {
    this.bundle = bundle == null ? null : bundle.clone();
    this.certificates = List.copyOf(certificates);
  }

  /** The system's roots. */
  public static UpstreamTlsTrust system() {
    return SYSTEM;
  }

  /**
   * The certificates of a PEM bundle.
   *
   * @throws IllegalArgumentException when it holds no certificate
   */
  public static UpstreamTlsTrust fromPem(byte[] pem) {
    List<X509Certificate> certificates = parse(pem);
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no PEM certificates");
    }
    return new UpstreamTlsTrust(pem, certificates);
  }

  private static List<X509Certificate> parse(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      return List.of();
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      return factory.generateCertificates(new ByteArrayInputStream(pem)).stream()
          .filter(X509Certificate.class::isInstance)
          .map(X509Certificate.class::cast)
          .toList();
    } catch (CertificateException e) {
      return List.of();
    }
  }

  /** Whether this is the system's roots. */
  public boolean isSystem() {
    return bundle == null;
  }

  /** SHA-256 of the bundle, hex; empty for the system roots: part of cache keys. */
  public String hash() {
    if (bundle == null) {
      return "";
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** A socket factory that trusts these authorities; null means the JDK's default. */
  public @Nullable SSLSocketFactory socketFactory() {
    return bundle == null ? null : sslContext().getSocketFactory();
  }

  /** A TLS context that trusts these authorities (the JDK's default for the system's roots). */
  public SSLContext sslContext() {
    try {
      if (bundle == null) {
        return SSLContext.getDefault();
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("ca-" + i, certificates.get(i));
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a trust store of " + certificates.size(), e);
    }
  }

  @Override
  public String toString() {
    return bundle == null ? "UpstreamTlsTrust[system]" : "UpstreamTlsTrust[" + hash() + "]";
  }
}
