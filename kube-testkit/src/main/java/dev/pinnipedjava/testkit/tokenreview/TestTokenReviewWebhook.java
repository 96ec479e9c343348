package dev.pinnipedjava.testkit.tokenreview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.testkit.loopback.LoopbackTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A TokenReview webhook for tests: HTTPS on 127.0.0.1 with its own CA, answering each review as the
 * test's function decides. It records the reviews it received and can hold a request unanswered
 * until it is closed, to exercise timeouts.
 */
public final class TestTokenReviewWebhook implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the webhook answers to one review. */
  public record Answer(int status, String body, boolean hangs) {
    /** A v1beta1 (or {@code apiVersion}) review that authenticates the user. */
    public static Answer authenticated(
        String apiVersion,
        String username,
        String uid,
        List<String> groups,
        Map<String, List<String>> extra) {
      ObjectNode review = review(apiVersion);
      ObjectNode status = review.putObject("status").put("authenticated", true);
      ObjectNode user = status.putObject("user").put("username", username);
      if (!uid.isEmpty()) {
        user.put("uid", uid);
      }
      groups.forEach(user.putArray("groups")::add);
      ObjectNode extras = user.putObject("extra");
      extra.forEach((key, values) -> values.forEach(extras.withArray(key)::add));
      return new Answer(200, review.toString(), false);
    }

    public static Answer authenticated(String username, List<String> groups) {
      return authenticated("authentication.k8s.io/v1beta1", username, "", groups, Map.of());
    }

    public static Answer unauthenticated(String error) {
      ObjectNode review = review("authentication.k8s.io/v1beta1");
      review.putObject("status").put("authenticated", false).put("error", error);
      return new Answer(200, review.toString(), false);
    }

    public static Answer status(int code, String body) {
      return new Answer(code, body, false);
    }

    /** No answer until the webhook closes. */
    public static Answer noAnswer() {
      return new Answer(0, "", true);
    }

    private static ObjectNode review(String apiVersion) {
      ObjectNode review = JSON.createObjectNode();
      review.put("apiVersion", apiVersion).put("kind", "TokenReview");
      return review;
    }
  }

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CertificateAuthority ca;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<JsonNode> reviews = new CopyOnWriteArrayList<>();
  private volatile Function<String, Answer> answers;

  private TestTokenReviewWebhook(Function<String, Answer> answers) throws IOException {
    this.answers = answers;
    LoopbackTls tls = LoopbackTls.create("TokenReview webhook");
    this.ca = tls.ca();
    this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    server.setExecutor(executor);
    server.createContext("/authenticate", this::review);
    server.start();
  }

  /** Starts a webhook answering with {@code answers}, keyed by the reviewed token. */
  public static TestTokenReviewWebhook start(Function<String, Answer> answers) {
    try {
      return new TestTokenReviewWebhook(answers);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the test TokenReview webhook", e);
    }
  }

  /** Answers further reviews with {@code answers}. */
  public void answer(Function<String, Answer> answers) {
    this.answers = answers;
  }

  /** The URL of the review endpoint. */
  public String endpoint() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/authenticate";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The webhook's CA, base64 PEM, as {@code spec.tls.certificateAuthorityData}. */
  public String caBundleBase64() {
    return Base64.getEncoder().encodeToString(ca.certificatePem().getBytes(StandardCharsets.UTF_8));
  }

  public CertificateAuthority ca() {
    return ca;
  }

  /** The review bodies received so far, in order. */
  public List<JsonNode> reviews() {
    return List.copyOf(reviews);
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void review(HttpExchange exchange) throws IOException {
    JsonNode review;
    try (InputStream in = exchange.getRequestBody()) {
      review = JSON.readTree(in);
    }
    reviews.add(review);
    Answer answer = answers.apply(review.path("spec").path("token").asText());
    if (answer.hangs()) {
      try {
        closing.await(5, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
