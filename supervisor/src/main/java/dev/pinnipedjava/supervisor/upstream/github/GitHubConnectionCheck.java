package dev.pinnipedjava.supervisor.upstream.github;

import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Whether a GitHub's address can be reached over TLS with a trust: a TLS handshake with host name
 * verification, as Pinniped's {@code GitHubConnectionValid} check does. A success is remembered per
 * address and CA bundle (Pinniped keeps it a year), so that valid providers are not dialled on
 * every sync.
 */
final class GitHubConnectionCheck {
  /** Pinniped's dial timeout of the check. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Set<String> reachable = ConcurrentHashMap.newKeySet();

  /**
   * Dials {@code host}, unless it was reached with this trust before.
   *
   * @throws IOException why it cannot be reached
   */
  void check(GitHubHost host, UpstreamTlsTrust trust) throws IOException {
    String key = host.address() + "/" + trust.hash();
    if (reachable.contains(key)) {
      return;
    }
    try (SSLSocket socket = (SSLSocket) trust.sslContext().getSocketFactory().createSocket()) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.connect(
          new InetSocketAddress(host.dialHost(), host.dialPort()), (int) TIMEOUT.toMillis());
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.startHandshake();
    }
    reachable.add(key);
  }
}
