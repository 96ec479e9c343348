package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.listener.Listeners;
import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.time.Duration;
import java.util.HashSet;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * The proxy's HTTPS listener: Pinniped's Default TLS profile (any client may connect), HTTP/2 and
 * HTTP/1.1 by ALPN, a serving certificate that can change while running, and client certificates
 * requested but judged per request.
 */
final class ImpersonationProxyServer implements AutoCloseable {

  /** Go's default header limit; a user with many groups sends one header line per group. */
  private static final int MAX_HEADER_BYTES = 1024 * 1024;

  /** Go's HTTP/2 server default. */
  private static final long MAX_CONCURRENT_STREAMS = 250;

  private final HttpServerOptions options;
  private final HttpServer server;

  ImpersonationProxyServer(
      Vertx vertx,
      Handler<HttpServerRequest> handler,
      X509ExtendedKeyManager servingKeys,
      X509TrustManager clientCertificateRequest,
      String host,
      int port) {
    TlsProfile profile = TlsProfile.DEFAULT;
    this.options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            .setSsl(true)
            .setKeyCertOptions(KeyCertOptions.wrap(servingKeys))
            .setTrustOptions(TrustOptions.wrap(clientCertificateRequest))
            .setClientAuth(ClientAuth.REQUEST)
            .setEnabledSecureTransportProtocols(new HashSet<>(profile.protocols()))
            .setUseAlpn(true)
            .setMaxHeaderSize(MAX_HEADER_BYTES)
            .setInitialSettings(
                new Http2Settings()
                    .setMaxHeaderListSize(MAX_HEADER_BYTES)
                    .setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS));
    profile.cipherSuites().forEach(options::addEnabledCipherSuite);
    this.server = vertx.createHttpServer(options).requestHandler(handler);
  }

  /** Starts listening and returns the port, which the OS picked when the configured port is 0. */
  int start() {
    return Listeners.listen(server, "impersonation proxy", options.getHost(), options.getPort());
  }

  @Override
  public void close() {
    Listeners.close(server, "impersonation proxy", options.getHost(), Duration.ofSeconds(10));
  }
}
