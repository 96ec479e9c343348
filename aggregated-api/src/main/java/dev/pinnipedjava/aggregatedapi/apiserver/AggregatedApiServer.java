package dev.pinnipedjava.aggregatedapi.apiserver;

import dev.pinnipedjava.aggregatedapi.listener.Listeners;
import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.logging.Logger;

/**
 * The HTTPS listener of the aggregated API: TLS with the {@link TlsProfile#SECURE} profile, a
 * serving certificate that can change while running, client certificates requested but not
 * required, and bodies bounded in size. Requests are answered by an {@link ApiRouter} on a worker
 * thread, since answering may call out over the network.
 */
public final class AggregatedApiServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AggregatedApiServer.class);

  /** The kube-apiserver's own request body limit. */
  public static final long MAX_BODY_BYTES = 3L * 1024 * 1024;

  /** Go's default header limit; a user with many groups sends one header line per group. */
  private static final int MAX_HEADER_BYTES = 1024 * 1024;

  private static final Pattern SAFE_AUDIT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final Vertx vertx;
  private final ApiRouter router;
  private final HttpServerOptions options;
  private final Supplier<String> newAuditId;
  private final HttpServer server;

  /**
   * @param servingKeys the serving certificate, read at each handshake
   * @param clientCertificateRequest asks clients for certificates; see {@code
   *     ClientCertificateRequest}
   * @param newAuditId makes an audit ID for requests that arrive without one
   */
  public AggregatedApiServer(
      Vertx vertx,
      ApiRouter router,
      X509ExtendedKeyManager servingKeys,
      X509TrustManager clientCertificateRequest,
      TlsProfile profile,
      String host,
      int port,
      Supplier<String> newAuditId) {
    this.vertx = vertx;
    this.router = router;
    this.newAuditId = newAuditId;
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
            .setInitialSettings(new Http2Settings().setMaxHeaderListSize(MAX_HEADER_BYTES));
    this.server = vertx.createHttpServer(options);
  }

  /** Starts listening and returns the port, which the OS picked when the configured port is 0. */
  public int start() {
    server.requestHandler(this::handle);
    return Listeners.listen(server, "aggregated API server", options.getHost(), options.getPort());
  }

  @Override
  public void close() {
    Listeners.close(server, "aggregated API server", options.getHost(), Duration.ofSeconds(10));
  }

  private void handle(HttpServerRequest request) {
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    String contentLength = request.getHeader("Content-Length");
    if (contentLength != null && parseLength(contentLength) > MAX_BODY_BYTES) {
      tooLarge[0] = true;
      respondTooLarge(request);
    }
    request.handler(
        chunk -> {
          if (tooLarge[0]) {
            return; // the rest of the body is read and dropped
          }
          if (body.length() + chunk.length() > MAX_BODY_BYTES) {
            tooLarge[0] = true;
            respondTooLarge(request);
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(
        ignored -> {
          if (tooLarge[0]) {
            return;
          }
          ApiRequest apiRequest = apiRequest(request, body);
          Future<ApiResponse> answer =
              vertx.executeBlocking(() -> router.handle(apiRequest), false);
          answer.onComplete(
              result -> {
                if (result.failed()) {
                  LOG.errorf(result.cause(), "cannot run %s", apiRequest);
                }
                ApiResponse response =
                    result.succeeded()
                        ? result.result()
                        : router.errorResponse(ApiError.internalError());
                respond(request, response, apiRequest.auditId());
              });
        });
    request.exceptionHandler(e -> LOG.debugf("request from %s failed: %s", remote(request), e));
  }

  private void respondTooLarge(HttpServerRequest request) {
    respond(
        request,
        router.errorResponse(ApiError.requestEntityTooLarge(MAX_BODY_BYTES)),
        auditId(request));
  }

  private ApiRequest apiRequest(HttpServerRequest request, Buffer body) {
    return new ApiRequest(
        request.method().name(),
        request.path(),
        query(request.params()),
        RequestHeaders.of(request.headers()),
        clientCertificates(request),
        body.getBytes(),
        remote(request),
        auditId(request));
  }

  private void respond(HttpServerRequest request, ApiResponse response, String auditId) {
    HttpServerResponse http = request.response();
    if (http.ended() || http.closed()) {
      return;
    }
    http.setStatusCode(response.statusCode())
        .putHeader("Content-Type", response.contentType())
        .putHeader("Cache-Control", "no-cache, private")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Audit-Id", auditId);
    for (String warning : response.warnings()) {
      http.headers().add("Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\"");
    }
    if (request.method().name().equals("HEAD")) {
      http.putHeader("Content-Length", Integer.toString(response.body().length)).end();
    } else {
      http.end(Buffer.buffer(response.body()));
    }
  }

  private String auditId(HttpServerRequest request) {
    String incoming = request.getHeader("Audit-Id");
    return incoming != null && SAFE_AUDIT_ID.matcher(incoming).matches()
        ? incoming
        : newAuditId.get();
  }

  private static List<X509Certificate> clientCertificates(HttpServerRequest request) {
    if (!request.isSSL()) {
      return List.of();
    }
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : request.connection().peerCertificates()) {
        if (certificate instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
      return chain;
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }

  private static Map<String, List<String>> query(MultiMap params) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String name : params.names()) {
      query.put(name, List.copyOf(params.getAll(name)));
    }
    return query;
  }

  private static String remote(HttpServerRequest request) {
    return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
  }

  private static long parseLength(String contentLength) {
    try {
      return Long.parseLong(contentLength.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
