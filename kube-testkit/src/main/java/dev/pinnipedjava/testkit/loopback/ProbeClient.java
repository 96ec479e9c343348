package dev.pinnipedjava.testkit.loopback;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP client that accepts any server certificate, as a Kubernetes probe does: the way to reach
 * a server before any certificate it serves is known, such as a Supervisor serving its bootstrap
 * certificate. Tests only.
 */
public final class ProbeClient {
  private ProbeClient() {}

  public static HttpClient client() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new AcceptAll()}, new SecureRandom());
      SSLParameters parameters = context.getDefaultSSLParameters();
      // Without endpoint identification the host name is not checked either.
      parameters.setEndpointIdentificationAlgorithm(null);
      return HttpClient.newBuilder()
          .sslContext(context)
          .sslParameters(parameters)
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class AcceptAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(
        X509Certificate[] chain, String authType, @Nullable Socket socket) {}

    @Override
    public void checkServerTrusted(
        X509Certificate[] chain, String authType, @Nullable Socket socket) {}

    @Override
    public void checkClientTrusted(
        X509Certificate[] chain, String authType, @Nullable SSLEngine engine) {}

    @Override
    public void checkServerTrusted(
        X509Certificate[] chain, String authType, @Nullable SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
