package dev.pinnipedjava.cli.login;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.sessioncache.OidcTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The loopback listener the browser is redirected to: {@code http://127.0.0.1:<port>/callback}. GET
 * carries the code in the query, POST in the form (response_mode=form_post, sent by the issuer's
 * page script, which needs CORS and Private Network Access preflight answers).
 */
final class CallbackServer implements AutoCloseable {

  static final String PATH = "/callback";

  private final HttpServer server;
  private final ExecutorService executor;
  private final String allowedOrigin;
  private final String expectedState;
  private final CodeRedeemer redeemer;
  private final BlockingQueue<CallbackResult> results;
  private final DebugLog debug;

  /** Turns a code into tokens. */
  @FunctionalInterface
  interface CodeRedeemer {
    OidcTokens redeem(String code) throws LoginException;
  }

  /** The outcome of a callback or a pasted code. */
  record CallbackResult(@Nullable OidcTokens tokens, @Nullable LoginException failure) {}

  private CallbackServer(
      HttpServer server,
      URI issuer,
      String expectedState,
      CodeRedeemer redeemer,
      BlockingQueue<CallbackResult> results,
      DebugLog debug) {
    this.server = server;
    this.allowedOrigin = issuer.getScheme() + "://" + issuer.getRawAuthority();
    this.expectedState = expectedState;
    this.redeemer = redeemer;
    this.results = results;
    this.debug = debug;
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "oidc-callback");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext(PATH, this::handle);
    server.start();
  }

  /**
   * Listens on 127.0.0.1.
   *
   * @param port 0 for any free port
   * @throws IOException when the port cannot be bound
   */
  static CallbackServer start(
      int port,
      URI issuer,
      String expectedState,
      CodeRedeemer redeemer,
      BlockingQueue<CallbackResult> results,
      DebugLog debug)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    return new CallbackServer(server, issuer, expectedState, redeemer, results, debug);
  }

  /** {@code http://127.0.0.1:<port>/callback}. */
  String redirectUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  private void handle(HttpExchange exchange) throws IOException {
    CallbackResult outcome = null;
    // The outcome is published only after the answer went out, so that ending the login (and
    // stopping this server) never cuts the browser's answer short.
    try (exchange) {
      outcome = answer(exchange);
    } finally {
      if (outcome != null) {
        results.add(outcome);
      }
    }
  }

  private @Nullable CallbackResult answer(HttpExchange exchange) throws IOException {
    {
      securityHeaders(exchange);
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        respond(exchange, 404, "Not Found");
        return null;
      }
      Map<String, String> params;
      switch (exchange.getRequestMethod()) {
        case "OPTIONS" -> {
          preflight(exchange);
          return null;
        }
        case "POST" ->
            params =
                parseForm(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        case "GET" -> params = parseForm(exchange.getRequestURI().getRawQuery());
        default -> {
          debug.log(
              "Got unexpected request on callback listener", "method", exchange.getRequestMethod());
          respond(exchange, 405, "");
          return null;
        }
      }
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", allowedOrigin);
      exchange.getResponseHeaders().set("Vary", "*");

      if (!LoginSecrets.matches(expectedState, params.get("state"))) {
        return fail(
            exchange, 403, "Forbidden", new LoginException("missing or invalid state parameter"));
      }
      String error = params.get("error");
      if (error != null && !error.isEmpty()) {
        String description = params.getOrDefault("error_description", "");
        return fail(
            exchange,
            400,
            "Bad Request",
            new LoginException(
                description.isEmpty()
                    ? "login failed with code \"%s\"".formatted(error)
                    : "login failed with code \"%s\": %s".formatted(error, description)));
      }
      OidcTokens tokens;
      try {
        tokens = redeemer.redeem(params.getOrDefault("code", ""));
      } catch (LoginException e) {
        return fail(
            exchange,
            400,
            "Bad Request",
            new LoginException(
                "could not complete authorization code exchange: " + e.getMessage(), e));
      }
      respond(exchange, 200, "you have been logged in and may now close this tab");
      return new CallbackResult(tokens, null);
    }
  }

  private void preflight(HttpExchange exchange) throws IOException {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin == null || origin.isEmpty()) {
      debug.log("Got OPTIONS request without origin header");
      respond(exchange, 400, "");
      return;
    }
    debug.log("Got CORS preflight request from browser", "origin", origin);
    var headers = exchange.getResponseHeaders();
    headers.set("Access-Control-Allow-Origin", allowedOrigin);
    headers.set("Vary", "*");
    headers.set("Access-Control-Allow-Credentials", "false");
    headers.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    headers.set("Access-Control-Allow-Private-Network", "true");
    String requested = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
    if (requested != null && !requested.isEmpty()) {
      headers.set("Access-Control-Allow-Headers", requested);
    }
    exchange.sendResponseHeaders(204, -1);
  }

  /** Shows the failure in the browser and ends the login with it, as Pinniped does. */
  private static CallbackResult fail(
      HttpExchange exchange, int status, String statusText, LoginException failure)
      throws IOException {
    respond(exchange, status, statusText + ": " + failure.getMessage());
    return new CallbackResult(null, failure);
  }

  private static void securityHeaders(HttpExchange exchange) {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    headers.set("X-Frame-Options", "DENY");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cache-Control", "no-cache,no-store,max-age=0,must-revalidate");
    headers.set("Pragma", "no-cache");
    headers.set("Expires", "0");
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  static Map<String, String> parseForm(@Nullable String encoded) {
    Map<String, String> params = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      params.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  @Override
  public void close() {
    // Every answer that decided the login has been sent (see handle), so nothing is cut short.
    server.stop(0);
    executor.shutdown();
  }
}
