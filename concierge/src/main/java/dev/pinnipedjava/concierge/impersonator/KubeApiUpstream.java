package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The kube-apiserver as the proxy reaches it: HTTPS with the Secure TLS profile, trusting the
 * cluster's serving CA and presenting the proxy's own credentials. Plain requests use HTTP/2, which
 * multiplexes many callers (and their watches) over few connections; upgrades (exec, attach,
 * port-forward) need HTTP/1.1, as in Pinniped's proxy, and go through {@link UpgradeForwarder}.
 */
final class KubeApiUpstream implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** HTTP/1.1 connections kept per client; watches hold one each on HTTP/1.1. */
  private static final int HTTP1_POOL_SIZE = 256;

  private static final int HTTP2_POOL_SIZE = 4;

  private final URI server;
  private final UpstreamCredentials credentials;
  private final HttpClient plain;
  private final UpgradeForwarder upgrades;

  /**
   * @param server the kube-apiserver's URL, {@code https://host[:port][/path]}
   * @param serverCaPem the CA bundle that signs its serving certificate
   */
  KubeApiUpstream(Vertx vertx, URI server, String serverCaPem, UpstreamCredentials credentials) {
    this.server = server;
    this.credentials = credentials;
    this.plain =
        vertx.createHttpClient(
            options(serverCaPem, credentials)
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setUseAlpn(true)
                .setHttp2MaxPoolSize(HTTP2_POOL_SIZE)
                .setMaxPoolSize(HTTP1_POOL_SIZE));
    this.upgrades =
        new UpgradeForwarder(server, new UpstreamTls(serverCaPem, credentials), credentials);
  }

  private static HttpClientOptions options(String serverCaPem, UpstreamCredentials credentials) {
    HttpClientOptions options =
        new HttpClientOptions()
            .setSsl(true)
            .setVerifyHost(true)
            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(serverCaPem)))
            .setEnabledSecureTransportProtocols(new HashSet<>(TlsProfile.SECURE.protocols()))
            .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
            .setKeepAlive(true)
            .setDecompressionSupported(false);
    if (credentials instanceof UpstreamCredentials.ClientCertificate certificate) {
      options.setKeyCertOptions(
          new PemKeyCertOptions()
              .addCertValue(Buffer.buffer(certificate.certificatePem()))
              .addKeyValue(Buffer.buffer(certificate.privateKeyPem())));
    }
    return options;
  }

  /** The client of plain requests. */
  HttpClient plain() {
    return plain;
  }

  /** The forwarder of upgrade requests. */
  UpgradeForwarder upgrades() {
    return upgrades;
  }

  /** The path of {@code uri} on the kube-apiserver (its URL may have a path of its own). */
  String path(String uri) {
    String basePath = server.getRawPath() == null ? "" : server.getRawPath();
    if (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    return basePath + uri;
  }

  /**
   * Options of the upstream request for {@code uri} (path and query as the caller sent them) with
   * the given headers and the proxy's credentials.
   */
  RequestOptions request(HttpMethod method, String uri, List<Map.Entry<String, String>> headers) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost(host())
            .setPort(server.getPort() < 0 ? 443 : server.getPort())
            .setSsl(true)
            .setURI(path(uri));
    for (Map.Entry<String, String> header : headers) {
      options.addHeader(header.getKey(), header.getValue());
    }
    if (credentials instanceof UpstreamCredentials.BearerToken token) {
      options.putHeader("Authorization", "Bearer " + token.token().get());
    }
    return options;
  }

  private String host() {
    String host = server.getHost();
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  @Override
  public void close() {
    plain.close();
    upgrades.close();
  }
}
