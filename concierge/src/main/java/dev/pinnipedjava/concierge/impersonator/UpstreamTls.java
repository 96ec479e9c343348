package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import dev.pinnipedjava.pki.Pem;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS towards the kube-apiserver for connections the proxy makes itself: the Secure profile,
 * trusting the cluster's serving CA, presenting the proxy's client certificate when it has one, and
 * checking the server's name.
 */
final class UpstreamTls {
  private final SSLContext context;

  UpstreamTls(String caPem, UpstreamCredentials credentials) {
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
      if (credentials instanceof UpstreamCredentials.ClientCertificate certificate) {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(
            "client",
            Pem.decodePrivateKey(certificate.privateKeyPem()),
            new char[0],
            Pem.decodeCertificates(certificate.certificatePem()).toArray(X509Certificate[]::new));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, new char[0]);
      }
      this.context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot set up TLS to the kube-apiserver", e);
    }
  }

  /** A client engine for a connection to {@code host:port}. */
  SSLEngine engine(String host, int port) {
    SSLEngine engine = context.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    SSLParameters parameters = TlsProfile.SECURE.clientParameters();
    parameters.setApplicationProtocols(new String[] {"http/1.1"});
    engine.setSSLParameters(parameters);
    return engine;
  }
}
