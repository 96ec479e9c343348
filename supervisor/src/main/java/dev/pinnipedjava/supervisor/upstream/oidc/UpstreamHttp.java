package dev.pinnipedjava.supervisor.upstream.oidc;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/** How the Supervisor sends requests to one upstream provider: its trusted CAs and timeouts. */
final class UpstreamHttp {
  /** Pinniped's upstream OIDC client timeout. */
  static final Duration TIMEOUT = Duration.ofMinutes(1);

  /** Discovery documents and key sets larger than this are refused. */
  private static final int SIZE_LIMIT = 1024 * 1024;

  /**
   * Idle connections kept per upstream host. The JDK keeps 5, fewer than the concurrent refreshes
   * of a busy Supervisor: every extra request then pays a new TLS handshake.
   */
  static final int KEEP_ALIVE_CONNECTIONS = 64;

  static {
    // Read once, when the JDK's HTTP client first keeps a connection alive; an operator's own
    // setting wins.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", Integer.toString(KEEP_ALIVE_CONNECTIONS));
    }
  }

  private final UpstreamTlsTrust trust;
  private final @Nullable SSLSocketFactory socketFactory;

  UpstreamHttp(UpstreamTlsTrust trust) {
    this.trust = trust;
    this.socketFactory = trust.socketFactory();
  }

  UpstreamTlsTrust trust() {
    return trust;
  }

  /**
   * Sends {@code request}.
   *
   * @throws UpstreamException when no response arrives
   */
  HTTPResponse send(HTTPRequest request, String what) {
    int timeout = (int) TIMEOUT.toMillis();
    request.setConnectTimeout(timeout);
    request.setReadTimeout(timeout);
    if (socketFactory != null) {
      request.setSSLSocketFactory(socketFactory);
    }
    try {
      return request.send();
    } catch (IOException e) {
      throw new UpstreamException(what + " failed: " + e, e);
    }
  }

  /** Retrieves documents (key sets) with the same trust and limits. */
  ResourceRetriever retriever() {
    int timeout = (int) TIMEOUT.toMillis();
    return new DefaultResourceRetriever(timeout, timeout, SIZE_LIMIT, true, socketFactory);
  }
}
