package dev.pinnipedjava.supervisor.server;

import dev.pinnipedjava.aggregatedapi.listener.Listeners;
import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.audit.RedactedLocation;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.endpoint.FormEncoding;
import dev.pinnipedjava.supervisor.federation.IssuerRouter;
import dev.pinnipedjava.supervisor.tls.SniKeyManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.KeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The Supervisor's HTTPS listener: TLS with Pinniped's Default profile and a certificate chosen by
 * SNI; {@code /healthz}; and every issuer endpoint, found by {@code Host} and path in the {@link
 * IssuerRouter}. Every response carries the security headers and an {@code Audit-Id}; unknown paths
 * get a bare 404.
 */
public final class SupervisorHttpsServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SupervisorHttpsServer.class);

  static final String HEALTHZ = "/healthz";
  static final String INVALID_TLS_CONFIGURATION =
      "pinniped supervisor has invalid TLS serving certificate configuration";
  private static final byte[] NOT_FOUND =
      "{\"error\":\"not_found\"}\n".getBytes(StandardCharsets.UTF_8);

  /** Pinniped's ReadHeaderTimeout. */
  private static final Duration READ_HEADER_TIMEOUT = Duration.ofSeconds(10);

  private static final int MAX_BODY_BYTES = 1024 * 1024;

  private final Vertx vertx;
  private final AuditLog audit;
  private final IssuerRouter router;
  private final SniKeyManager certificates;
  private final Supplier<String> newAuditId;
  private final HttpServerOptions options;
  private final HttpServer server;
  private final boolean auditInternalPaths;

  public SupervisorHttpsServer(
      Vertx vertx,
      IssuerRouter router,
      SniKeyManager certificates,
      TlsProfile profile,
      String host,
      int port,
      Supplier<String> newAuditId,
      AuditLog audit) {
    this(vertx, router, certificates, profile, host, port, newAuditId, audit, false);
  }

  /**
   * @param auditInternalPaths whether requests to {@code /healthz} are audited (Pinniped's {@code
   *     audit.logInternalPaths})
   */
  public SupervisorHttpsServer(
      Vertx vertx,
      IssuerRouter router,
      SniKeyManager certificates,
      TlsProfile profile,
      String host,
      int port,
      Supplier<String> newAuditId,
      AuditLog audit,
      boolean auditInternalPaths) {
    this.audit = audit;
    this.auditInternalPaths = auditInternalPaths;
    this.vertx = vertx;
    this.router = router;
    this.certificates = certificates;
    this.newAuditId = newAuditId;
    this.options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            .setSsl(true)
            .setKeyCertOptions(KeyCertOptions.wrap(certificates))
            .setEnabledSecureTransportProtocols(new HashSet<>(profile.protocols()))
            .setUseAlpn(true)
            .setIdleTimeout((int) READ_HEADER_TIMEOUT.toSeconds() * 6)
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
    profile.cipherSuites().forEach(options::addEnabledCipherSuite);
    this.server = vertx.createHttpServer(options);
  }

  /** Starts listening and returns the port (the OS picks one when the configured port is 0). */
  public int start() {
    server.requestHandler(this::handle);
    return Listeners.listen(server, "Supervisor HTTPS", options.getHost(), options.getPort());
  }

  @Override
  public void close() {
    Listeners.close(server, "Supervisor HTTPS", options.getHost(), Duration.ofSeconds(60));
  }

  // Bodies are read whole, up to a limit: the endpoints take forms of a few parameters.
  private void handle(HttpServerRequest request) {
    String auditId = newAuditId.get();
    boolean audited = auditInternalPaths || !HEALTHZ.equals(request.path());
    if (audited) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("proto", request.version().alpnName());
      fields.put("method", request.method().name());
      fields.put("host", host(request));
      String serverName = serverName(request.sslSession());
      if (serverName != null) {
        fields.put("serverName", serverName);
      }
      fields.put("path", request.path() == null ? "" : request.path());
      fields.put(
          "userAgent",
          request.getHeader("User-Agent") == null ? "" : request.getHeader("User-Agent"));
      fields.put(
          "sourceIPs",
          List.of(request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress()));
      audit.record(AuditEvent.HTTP_REQUEST_RECEIVED, auditId, fields);
    }
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    request.handler(
        chunk -> {
          if (body.length() + chunk.length() > MAX_BODY_BYTES) {
            tooLarge[0] = true;
          } else if (!tooLarge[0]) {
            body.appendBuffer(chunk);
          }
        });
    request.exceptionHandler(e -> LOG.debugf("request %s: %s", auditId, e));
    request.endHandler(
        ended -> {
          if (tooLarge[0]) {
            write(request, auditId, EndpointResponse.text(413, "Request Entity Too Large"));
            return;
          }
          long start = System.nanoTime();
          // Endpoints call the API server and upstream providers: never on the event loop.
          vertx
              .<EndpointResponse>executeBlocking(() -> respondSafely(request, body, auditId), false)
              .onComplete(
                  result -> {
                    EndpointResponse response =
                        result.succeeded()
                            ? result.result()
                            : EndpointResponse.text(500, "Internal Server Error");
                    write(request, auditId, response);
                    if (audited) {
                      Map<String, Object> completed = new LinkedHashMap<>();
                      completed.put("path", request.path() == null ? "" : request.path());
                      completed.put("latency", latency(System.nanoTime() - start));
                      completed.put("responseStatus", response.status());
                      completed.put("location", RedactedLocation.of(response.headers()));
                      audit.record(AuditEvent.HTTP_REQUEST_COMPLETED, auditId, completed);
                    }
                  });
        });
  }

  // Whatever an endpoint throws becomes a bare 500; the details stay in the log.
  private EndpointResponse respondSafely(HttpServerRequest request, Buffer body, String auditId) {
    try {
      return respond(request, body, auditId);
    } catch (RuntimeException e) {
      LOG.errorf(
          e, "request %s %s failed (audit ID %s)", request.method(), request.path(), auditId);
      return EndpointResponse.text(500, "Internal Server Error");
    }
  }

  private static void write(HttpServerRequest request, String auditId, EndpointResponse response) {
    HttpServerResponse http = request.response();
    SecurityHeaders.apply(http.headers());
    http.putHeader("Audit-Id", auditId).putHeader("Content-Type", response.contentType());
    response
        .headers()
        .forEach(
            (name, values) -> {
              http.headers().remove(name);
              values.forEach(value -> http.headers().add(name, value));
            });
    http.setStatusCode(response.status()).end(Buffer.buffer(response.body()));
  }

  private EndpointResponse respond(HttpServerRequest request, Buffer body, String auditId) {
    String path = request.path() == null ? "" : request.path();
    if (HEALTHZ.equals(path)) {
      return EndpointResponse.text(200, "ok").withoutNewline();
    }
    if (certificates.select(serverName(request.sslSession())).source()
        == SniKeyManager.Source.BOOTSTRAP) {
      return EndpointResponse.text(500, INVALID_TLS_CONFIGURATION);
    }
    Optional<IssuerRouter.Route> route = router.route(host(request), path);
    if (route.isEmpty()) {
      return EndpointResponse.json(404, NOT_FOUND);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request
        .headers()
        .forEach(
            header ->
                headers
                    .computeIfAbsent(header.getKey(), name -> new ArrayList<>())
                    .add(header.getValue()));
    String query = request.query();
    return route
        .get()
        .endpoint()
        .handle(
            new EndpointRequest(
                request.method().name(),
                path,
                FormEncoding.decode(query == null ? "" : query),
                headers,
                body.toString(StandardCharsets.UTF_8),
                auditId,
                request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress()));
  }

  /** A duration as Go prints one, in milliseconds with a fraction: {@code 1.173084ms}. */
  static String latency(long nanos) {
    return java.math.BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms";
  }

  /** The request's {@code Host} (or HTTP/2 {@code :authority}), with any port, as sent. */
  private static String host(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    if (authority == null) {
      return "";
    }
    return authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
  }

  private static @Nullable String serverName(@Nullable SSLSession session) {
    if (session instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          return host.getAsciiName();
        }
      }
    }
    return null;
  }
}
