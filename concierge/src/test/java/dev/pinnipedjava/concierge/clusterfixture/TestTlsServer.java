package dev.pinnipedjava.concierge.clusterfixture;

import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS side of a test server on loopback: a CA of its own, valid for a day, and a server context
 * presenting a certificate it signed for 127.0.0.1 and localhost.
 *
 * @param ca the CA clients must trust
 * @param context the server's TLS context
 */
public record TestTlsServer(CertificateAuthority ca, SSLContext context) {
  private static final Duration VALIDITY = Duration.ofDays(1);

  /** A new CA named {@code caName} and a serving certificate it signed. */
  public static TestTlsServer create(String caName) {
    SecureRandom random = new SecureRandom();
    CertificateAuthority ca =
        CertificateAuthority.create(caName, VALIDITY, Clock.systemUTC(), random);
    IssuedCertificate serving =
        ca.issueServingCertificate(
            "127.0.0.1", List.of("localhost"), List.of(InetAddress.getLoopbackAddress()), VALIDITY);
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "serving",
          serving.privateKey(),
          new char[0],
          serving.chain().toArray(X509Certificate[]::new));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, random);
      return new TestTlsServer(ca, context);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a test server's TLS context", e);
    }
  }
}
