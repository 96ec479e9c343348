package dev.pinnipedjava.supervisor.testing;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client's loopback listener, as the CLI runs one for a browser login: {@code /callback} on
 * 127.0.0.1 records the query the issuer redirected the browser with.
 */
public final class LoopbackClient implements AutoCloseable {
  private final HttpServer server;
  private final AtomicReference<String> callbackQuery = new AtomicReference<>();

  private LoopbackClient(HttpServer server) {
    this.server = server;
  }

  public static LoopbackClient start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LoopbackClient client = new LoopbackClient(server);
    server.createContext(
        "/callback",
        exchange -> {
          client.callbackQuery.set(exchange.getRequestURI().getRawQuery());
          byte[] body = "you have logged in".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return client;
  }

  public String redirectUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
  }

  /** The query parameters of the first callback, waiting up to {@code timeout} for it. */
  public Map<String, String> awaitCallback(Duration timeout) {
    await("the client's callback").atMost(timeout).until(() -> callbackQuery.get() != null);
    return IssuerHarness.query("http://client/?" + callbackQuery.get());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
