package dev.pinnipedjava.testkit.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import dev.pinnipedjava.testkit.loopback.LoopbackTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** An HTTPS page on 127.0.0.1 with a form that greets whoever submits it. */
final class GreetingServer implements AutoCloseable {
  private final HttpsServer server;

  private GreetingServer(HttpsServer server) {
    this.server = server;
  }

  static GreetingServer start(LoopbackTls tls) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(LoopbackPorts.address(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    server.createContext(
        "/form",
        exchange ->
            respond(
                exchange,
                "<!doctype html><html><head><title>Form</title></head><body>"
                    + "<form method=post action=/hello>"
                    + "<input id=who name=who><button id=send type=submit>Send</button>"
                    + "</form></body></html>"));
    server.createContext(
        "/hello",
        exchange -> {
          String who;
          try (InputStream body = exchange.getRequestBody()) {
            who =
                URLDecoder.decode(
                    new String(body.readAllBytes(), StandardCharsets.UTF_8)
                        .replaceFirst("^who=", ""),
                    StandardCharsets.UTF_8);
          }
          respond(
              exchange,
              "<!doctype html><html><head><title>Greeting</title></head><body>"
                  + "<p id=greeting>Hello, "
                  + escape(who)
                  + "!</p></body></html>");
        });
    server.start();
    return new GreetingServer(server);
  }

  URI url(String path) {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static void respond(HttpExchange exchange, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
