package dev.pinnipedjava.concierge.apiserver;

import dev.pinnipedjava.pki.IssuedCertificate;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/** TLS contexts for test clients of the aggregated API server. */
final class TestTls {
  private TestTls() {}

  /**
   * A client context trusting {@code ca} and, when given, presenting {@code clientCertificate}
   * whatever CAs the server asks for (as a misbehaving or foreign client would).
   */
  static SSLContext client(X509Certificate ca, @Nullable IssuedCertificate clientCertificate) {
    try {
      KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
      trustStore.load(null, null);
      trustStore.setCertificateEntry("ca", ca);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      KeyManager[] keys =
          clientCertificate == null
              ? null
              : new KeyManager[] {new AlwaysPresent(clientCertificate)};
      context.init(keys, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Presents one certificate to every server. */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final IssuedCertificate certificate;

    AlwaysPresent(IssuedCertificate certificate) {
      this.certificate = certificate;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal @Nullable [] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String chooseClientAlias(
        String[] keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
      return "client";
    }

    @Override
    public String chooseEngineClientAlias(
        String[] keyType, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
      return "client";
    }

    @Override
    public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
      return null;
    }

    @Override
    public @Nullable String chooseServerAlias(
        String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(@Nullable String alias) {
      return certificate.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(@Nullable String alias) {
      return certificate.privateKey();
    }
  }
}
