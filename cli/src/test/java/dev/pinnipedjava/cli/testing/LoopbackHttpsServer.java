package dev.pinnipedjava.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTPS server on 127.0.0.1 with a certificate from its own CA, answering with per-path
 * handlers and recording every request. Optionally requires client certificates from a given CA.
 */
public final class LoopbackHttpsServer implements AutoCloseable {

  private final HttpsServer server;
  private final CertificateAuthority ca;
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private LoopbackHttpsServer(@Nullable X509Certificate clientCa) {
    SecureRandom random = new SecureRandom();
    this.ca =
        CertificateAuthority.create(
            "loopback-test-ca", Duration.ofHours(1), Clock.systemUTC(), random);
    IssuedCertificate serving =
        ca.issueServingCertificate(
            "127.0.0.1",
            List.of("localhost"),
            List.of(InetAddress.getLoopbackAddress()),
            Duration.ofHours(1));
    try {
      SSLContext context = sslContext(serving, clientCa);
      server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(
          new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
              SSLParameters parameters = context.getDefaultSSLParameters();
              parameters.setNeedClientAuth(clientCa != null);
              params.setSSLParameters(parameters);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public static LoopbackHttpsServer start() {
    return new LoopbackHttpsServer(null);
  }

  /** A server that accepts only clients with a certificate issued by {@code clientCa}. */
  public static LoopbackHttpsServer requiringClientCertificates(X509Certificate clientCa) {
    return new LoopbackHttpsServer(clientCa);
  }

  private static SSLContext sslContext(
      IssuedCertificate serving, @Nullable X509Certificate clientCa)
      throws GeneralSecurityException, IOException {
    char[] password = new char[0];
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "serving", serving.privateKey(), password, serving.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    TrustManagerFactory trustManagers = null;
    if (clientCa != null) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("client-ca", clientCa);
      trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        keyManagers.getKeyManagers(),
        trustManagers == null ? null : trustManagers.getTrustManagers(),
        null);
    return context;
  }

  /** Answers requests to {@code path} (exact match) with the handler. */
  public LoopbackHttpsServer on(String path, Handler handler) {
    handlers.put(path, handler);
    return this;
  }

  public URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  public String caPem() {
    return ca.certificatePem();
  }

  /** A client TLS context that trusts this server, for test code that plays the browser. */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca.certificate());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String caBase64() {
    return Base64.getEncoder().encodeToString(caPem().getBytes(StandardCharsets.US_ASCII));
  }

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public long requestCount(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new java.util.HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) ->
                  headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getRawQuery(),
              headers,
              exchange.getRequestHeaders().getFirst("Authorization"),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              clientSubject(exchange),
              body);
      requests.add(request);
      Handler handler = handlers.get(request.path());
      Response response =
          handler == null
              ? new Response(404, "404 page not found", Map.of())
              : handler.handle(request);
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      if (!response.headers().containsKey("Content-Type")) {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
      }
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private static @Nullable String clientSubject(HttpExchange exchange) {
    if (exchange instanceof HttpsExchange https) {
      try {
        return https.getSSLSession().getPeerPrincipal().getName();
      } catch (SSLPeerUnverifiedException e) {
        return null;
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Produces the answer to a request. */
  @FunctionalInterface
  public interface Handler {
    Response handle(Request request);
  }

  /** A recorded request. */
  public record Request(
      String method,
      String path,
      @Nullable String query,
      Map<String, String> headers,
      @Nullable String authorization,
      @Nullable String contentType,
      @Nullable String clientSubject,
      String body) {}

  /** An answer. */
  public record Response(int status, String body, Map<String, String> headers) {
    public static Response json(int status, String body) {
      return new Response(status, body, Map.of());
    }
  }
}
