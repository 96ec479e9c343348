package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.tls.ClientCertificateRequest;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.X509ExtendedKeyManager;

/** A running impersonation proxy. */
public final class ImpersonationProxy implements AutoCloseable {
  private final ImpersonationProxyServer server;
  private final KubeApiUpstream upstream;
  private final int port;

  private ImpersonationProxy(ImpersonationProxyServer server, KubeApiUpstream upstream, int port) {
    this.server = server;
    this.upstream = upstream;
    this.port = port;
  }

  /**
   * Starts a proxy listening on {@code host:port} (port 0 picks a free one).
   *
   * @param servingKeys the serving certificate, read at each handshake
   * @param trustedClientCas CAs of the client certificates it accepts, read on every request
   * @param authenticators the Concierge's token authenticators, for bearer tokens
   * @param client the Concierge's own client, for TokenReviews and SubjectAccessReviews
   * @param target where to forward, with which credentials
   * @throws IllegalStateException when it cannot listen
   */
  public static ImpersonationProxy start(
      Vertx vertx,
      String host,
      int port,
      X509ExtendedKeyManager servingKeys,
      Supplier<List<X509Certificate>> trustedClientCas,
      AuthenticatorCache authenticators,
      KubernetesClient client,
      KubeApiTarget target,
      Clock clock) {
    KubeApiReviews reviews = new KubeApiReviews(client);
    KubeApiUpstream upstream =
        new KubeApiUpstream(vertx, target.server(), target.caPem(), target.credentials());
    ProxyRequestHandler handler =
        new ProxyRequestHandler(
            vertx,
            new ProxyAuthenticator(
                trustedClientCas,
                new BearerTokenAuthenticator(authenticators, reviews, clock),
                clock),
            new NestedImpersonation(reviews),
            upstream);
    ImpersonationProxyServer server =
        new ImpersonationProxyServer(
            vertx,
            handler,
            servingKeys,
            new ClientCertificateRequest(trustedClientCas),
            host,
            port);
    try {
      return new ImpersonationProxy(server, upstream, server.start());
    } catch (RuntimeException e) {
      upstream.close();
      throw e;
    }
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** Stops listening and closes the connections to the kube-apiserver. */
  @Override
  public void close() {
    server.close();
    upstream.close();
  }
}
