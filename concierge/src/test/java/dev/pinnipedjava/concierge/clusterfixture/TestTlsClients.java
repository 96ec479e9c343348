package dev.pinnipedjava.concierge.clusterfixture;

import dev.pinnipedjava.pki.Pem;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/** TLS contexts for test clients: trust one CA bundle, optionally present a client certificate. */
public final class TestTlsClients {
  private TestTlsClients() {}

  /**
   * @param caPem the CAs to trust
   * @param certificatePem a client certificate chain to present, or null
   * @param privateKeyPem its key, or null
   */
  public static SSLContext context(
      String caPem, @Nullable String certificatePem, @Nullable String privateKeyPem) {
    try {
      KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
      trustStore.load(null, null);
      int i = 0;
      for (X509Certificate ca : Pem.decodeCertificates(caPem)) {
        trustStore.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore);
      KeyManagerFactory keys = null;
      if (certificatePem != null && privateKeyPem != null) {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(
            "client",
            Pem.decodePrivateKey(privateKeyPem),
            new char[0],
            Pem.decodeCertificates(certificatePem).toArray(X509Certificate[]::new));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, new char[0]);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a test TLS context", e);
    }
  }
}
