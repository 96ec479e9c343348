package dev.pinnipedjava.concierge.impersonator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.aggregatedapi.apiserver.ApiError;
import dev.pinnipedjava.aggregatedapi.apiserver.RequestHeaders;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jboss.logging.Logger;

/**
 * Serves one request of the proxy: authenticates the caller, decides the identity to forward, then
 * forwards the request to the kube-apiserver and streams the answer back as it arrives. Upgraded
 * connections (SPDY or WebSocket, for exec, attach and port-forward) become a byte pipe in both
 * directions once the kube-apiserver switches protocols. Errors of the proxy itself are Kubernetes
 * Status objects rendered here.
 *
 * <p>Authentication that may call out (bearer tokens, nested impersonation) runs on a worker
 * thread; client certificates are checked on the event loop, since they are verified from memory.
 */
final class ProxyRequestHandler implements Handler<HttpServerRequest> {
  private static final Logger LOG = Logger.getLogger(ProxyRequestHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CANNOT_ACT_AS_USER =
      "unimplemented functionality - unable to act as current user";

  private final Vertx vertx;
  private final ProxyAuthenticator authenticator;
  private final NestedImpersonation nestedImpersonation;
  private final KubeApiUpstream upstream;

  ProxyRequestHandler(
      Vertx vertx,
      ProxyAuthenticator authenticator,
      NestedImpersonation nestedImpersonation,
      KubeApiUpstream upstream) {
    this.vertx = vertx;
    this.authenticator = authenticator;
    this.nestedImpersonation = nestedImpersonation;
    this.upstream = upstream;
  }

  /** What to do with a request. */
  private sealed interface Decision {}

  private record Forward(ForwardedIdentity identity) implements Decision {}

  private record Refuse(ApiError error) implements Decision {}

  @Override
  public void handle(HttpServerRequest request) {
    // Nothing of the body may be read before the request is forwarded.
    request.pause();
    List<X509Certificate> chain = clientCertificates(request);
    List<Map.Entry<String, String>> headers = entries(request.headers());
    RequestHeaders requestHeaders = RequestHeaders.of(headers);
    String path = request.path();
    if (ProxyAuthenticator.mayBlock(requestHeaders.first("Authorization"))
        || NestedImpersonation.requested(requestHeaders)) {
      vertx
          .executeBlocking(() -> decide(path, chain, requestHeaders), false)
          .onComplete(
              result -> {
                if (result.failed()) {
                  LOG.errorf(result.cause(), "cannot authenticate a request for %s", path);
                  refuse(request, ApiError.internalError());
                } else {
                  act(request, headers, result.result());
                }
              });
    } else {
      act(request, headers, decide(path, chain, requestHeaders));
    }
  }

  private Decision decide(String path, List<X509Certificate> chain, RequestHeaders headers) {
    ProxyCaller caller = authenticator.authenticate(chain, headers.first("Authorization"));
    if (caller instanceof ProxyCaller.Rejected rejected) {
      LOG.debugf("unauthenticated request for %s: %s", path, rejected.reason());
      return new Refuse(ApiError.unauthorized());
    }
    if (caller instanceof ProxyCaller.Anonymous) {
      // Anonymous callers may only exchange a credential for a cluster credential.
      return isTokenCredentialRequest(path) && !NestedImpersonation.requested(headers)
          ? new Forward(new ForwardedIdentity(KubernetesUser.ANONYMOUS, null))
          : new Refuse(ApiError.unauthorized());
    }
    KubernetesUser user = ((ProxyCaller.Authenticated) caller).user();
    NestedImpersonation.Outcome outcome = nestedImpersonation.apply(user, headers);
    if (outcome instanceof NestedImpersonation.Refused refused) {
      return new Refuse(refused.error());
    }
    ForwardedIdentity identity =
        outcome instanceof NestedImpersonation.Impersonating impersonating
            ? new ForwardedIdentity(impersonating.user(), impersonating.original())
            : new ForwardedIdentity(user, null);
    String problem = identity.problem();
    if (problem != null) {
      LOG.warnf("refusing a request for %s: %s", path, problem);
      return new Refuse(
          new ApiError(
              500, "InternalError", "Internal error occurred: " + CANNOT_ACT_AS_USER, null));
    }
    return new Forward(identity);
  }

  private void act(
      HttpServerRequest request, List<Map.Entry<String, String>> headers, Decision decision) {
    if (decision instanceof Refuse refuse) {
      refuse(request, refuse.error());
      return;
    }
    ForwardedIdentity identity = ((Forward) decision).identity();
    boolean upgrade = isUpgrade(request);
    List<Map.Entry<String, String>> outgoing =
        ForwardedHeaders.request(headers, identity, remoteAddress(request), upgrade);
    if (upgrade) {
      upstream
          .upgrades()
          .forward(
              vertx.getOrCreateContext(),
              request,
              upstream.path(request.uri()),
              outgoing,
              cause -> badGateway(request, cause));
    } else {
      forward(
          request, upstream.plain(), upstream.request(request.method(), request.uri(), outgoing));
    }
  }

  private void forward(HttpServerRequest request, HttpClient client, RequestOptions options) {
    client
        .request(options)
        .onComplete(
            connected -> {
              if (connected.failed()) {
                badGateway(request, connected.cause());
                return;
              }
              HttpClientRequest upstreamRequest = connected.result();
              HttpServerResponse response = request.response();
              // A caller that goes away (a watch ended with ^C) must free the upstream stream; a
              // stream closed after a complete answer needs nothing.
              response.closeHandler(
                  ignored -> {
                    if (!response.ended()) {
                      upstreamRequest.reset();
                    }
                  });
              // A body of unknown length is streamed; Vert.x drops the writes of a request that
              // is neither chunked nor of known length, even over HTTP/2.
              if (request.getHeader("Content-Length") == null && mayHaveBody(request)) {
                upstreamRequest.setChunked(true);
              }
              upstreamRequest
                  .response()
                  .onComplete(
                      answered -> {
                        if (answered.failed()) {
                          badGateway(request, answered.cause());
                        } else {
                          relay(request, answered.result());
                        }
                      });
              request
                  .pipeTo(upstreamRequest)
                  .onFailure(
                      e -> {
                        LOG.debugf("forwarding a request body failed: %s", e);
                        upstreamRequest.reset();
                      });
            });
  }

  /** Streams the kube-apiserver's answer to the caller, chunk by chunk as it arrives. */
  private static void relay(HttpServerRequest request, HttpClientResponse answer) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      answer.request().reset();
      return;
    }
    response.setStatusCode(answer.statusCode());
    for (Map.Entry<String, String> header :
        ForwardedHeaders.response(entries(answer.headers()), false)) {
      response.headers().add(header.getKey(), header.getValue());
    }
    int status = answer.statusCode();
    boolean bodyless =
        request.method().equals(HttpMethod.HEAD) || status == 204 || status == 304 || status < 200;
    if (!bodyless
        && request.version() != HttpVersion.HTTP_2
        && response.headers().get("Content-Length") == null) {
      response.setChunked(true);
    }
    answer.exceptionHandler(
        e -> {
          LOG.debugf("the kube-apiserver's answer broke off: %s", e);
          response.reset();
        });
    answer.pipeTo(response);
  }

  private static void refuse(HttpServerRequest request, ApiError error) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(error.toStatus());
    } catch (JsonProcessingException e) {
      body =
          ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
                  + error.code()
                  + "}")
              .getBytes(StandardCharsets.UTF_8);
    }
    response
        .setStatusCode(error.code())
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache, private")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(Buffer.buffer(body));
    // The body was never read; with HTTP/1.1 the connection must not be reused mid-body.
    request.resume();
  }

  private static void badGateway(HttpServerRequest request, Throwable cause) {
    LOG.warnf("cannot forward a request for %s: %s", request.path(), cause.toString());
    refuse(
        request,
        new ApiError(
            502,
            "InternalError",
            "the impersonation proxy cannot reach the Kubernetes API server",
            null));
  }

  /**
   * Whether the path names Pinniped's TokenCredentialRequest resource in any API group suffix, the
   * one resource anonymous callers may use through the proxy.
   */
  static boolean isTokenCredentialRequest(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments.size() >= 4
        && segments.get(0).equals("apis")
        && segments.get(1).startsWith("login.concierge.")
        && segments.get(3).equals("tokencredentialrequests");
  }

  /** An HTTP/1.1 request asking to switch protocols (HTTP/2 has no such thing). */
  private static boolean isUpgrade(HttpServerRequest request) {
    if (request.version() == HttpVersion.HTTP_2 || request.getHeader("Upgrade") == null) {
      return false;
    }
    for (String connection : request.headers().getAll("Connection")) {
      for (String token : connection.split(",")) {
        if (token.trim().toLowerCase(Locale.ROOT).equals("upgrade")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean mayHaveBody(HttpServerRequest request) {
    if (request.version() == HttpVersion.HTTP_2) {
      return !request.isEnded();
    }
    String encoding = request.getHeader("Transfer-Encoding");
    return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
  }

  private static List<Map.Entry<String, String>> entries(MultiMap headers) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    headers.forEach(header -> entries.add(Map.entry(header.getKey(), header.getValue())));
    return entries;
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

  private static String remoteAddress(HttpServerRequest request) {
    return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
  }
}
