package dev.pinnipedjava.cli.http;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * What a client trusts and presents over TLS, and under which profile.
 *
 * @param context trust roots and, when set, the client certificate
 * @param profile protocol versions and cipher suites
 */
public record TlsSettings(SSLContext context, TlsProfile profile) {

  /**
   * Trusts the given roots (the system's when the list is empty) and presents the given client
   * certificate and key when both are set.
   */
  public static TlsSettings of(
      TlsProfile profile,
      List<X509Certificate> trustRoots,
      @Nullable ClientCertificate clientCertificate)
      throws GeneralSecurityException {
    if (trustRoots.isEmpty() && clientCertificate == null) {
      return new TlsSettings(SSLContext.getDefault(), profile);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers(clientCertificate), trustManagers(trustRoots), null);
    return new TlsSettings(context, profile);
  }

  private static TrustManager @Nullable [] trustManagers(List<X509Certificate> roots)
      throws GeneralSecurityException {
    if (roots.isEmpty()) {
      return null;
    }
    KeyStore store = emptyStore();
    for (int i = 0; i < roots.size(); i++) {
      store.setCertificateEntry("root-" + i, roots.get(i));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static KeyManager @Nullable [] keyManagers(@Nullable ClientCertificate certificate)
      throws GeneralSecurityException {
    if (certificate == null) {
      return null;
    }
    char[] password = new char[0];
    KeyStore store = emptyStore();
    store.setKeyEntry(
        "client", certificate.key(), password, certificate.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("could not create an in-memory key store", e);
    }
    return store;
  }

  /**
   * A client certificate chain and its private key.
   *
   * @param chain the leaf first
   */
  public record ClientCertificate(List<X509Certificate> chain, PrivateKey key) {
    public ClientCertificate {
      chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
      return "ClientCertificate[subject=%s, key=<redacted>]"
          .formatted(chain.isEmpty() ? "" : chain.get(0).getSubjectX500Principal().getName());
    }
  }
}
