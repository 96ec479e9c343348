package dev.pinnipedjava.aggregatedapi.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Asks TLS clients for a certificate without judging it during the handshake. The handshake still
 * proves the client holds the certificate's key; whether the certificate is trusted is decided per
 * request, against the CA that is current then (it changes at run time and differs per purpose), by
 * the request authenticator. A client whose certificate is not trusted is thus answered 401 instead
 * of having its connection cut, and a client without one is anonymous, as with Kubernetes' own
 * servers.
 *
 * <p>Nothing may rely on the peer certificates of a connection without verifying them as the
 * request authenticator does.
 */
public final class ClientCertificateRequest extends X509ExtendedTrustManager {
  private final Supplier<List<X509Certificate>> acceptedIssuers;

  /**
   * @param acceptedIssuers the CAs named in the certificate request, so that clients holding
   *     several certificates present the right one
   */
  public ClientCertificateRequest(Supplier<List<X509Certificate>> acceptedIssuers) {
    this.acceptedIssuers = acceptedIssuers;
  }

  @Override
  public void checkClientTrusted(
      X509Certificate[] chain, String authType, @Nullable Socket socket) {
    // Verified per request; see the class comment.
  }

  @Override
  public void checkClientTrusted(
      X509Certificate[] chain, String authType, @Nullable SSLEngine engine) {
    // Verified per request; see the class comment.
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    // Verified per request; see the class comment.
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
      throws CertificateException {
    throw new CertificateException("this trust manager is for a server only");
  }

  @Override
  public void checkServerTrusted(
      X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this trust manager is for a server only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager is for a server only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return acceptedIssuers.get().toArray(X509Certificate[]::new);
  }
}
