package dev.pinnipedjava.concierge.authenticator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.concierge.authenticator.TokenAuthenticator;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates tokens by POSTing an {@code authentication.k8s.io/v1beta1} TokenReview to a
 * webhook, as Kubernetes' webhook token authenticator does for Pinniped. Responses in {@code v1}
 * are read too; both versions have the same shape. Transient failures (HTTP 429, 500 and 504, and
 * reset connections) are retried with Kubernetes' default backoff; each call has a timeout.
 *
 * <p>As with JWTAuthenticators, usernames and groups starting with {@code system:} are refused:
 * those names belong to the cluster (Pinniped issue #983).
 */
public final class WebhookTokenAuthenticator implements TokenAuthenticator {
  /** Pinniped's webhook client timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Kubernetes' DefaultRetryBackoff: 5 tries, 500 ms growing by 1.5 (jitter left out). */
  public static final List<Duration> DEFAULT_RETRY_DELAYS =
      List.of(
          Duration.ofMillis(500),
          Duration.ofMillis(750),
          Duration.ofMillis(1125),
          Duration.ofMillis(1688));

  static final String REQUEST_API_VERSION = "authentication.k8s.io/v1beta1";
  private static final Set<String> RESPONSE_API_VERSIONS =
      Set.of(REQUEST_API_VERSION, "authentication.k8s.io/v1");
  private static final Set<Integer> RETRIED_STATUS_CODES = Set.of(429, 500, 504);
  private static final int MAX_RESPONSE_BYTES = 1024 * 1024;
  private static final String RESERVED_PREFIX = "system:";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookAuthenticatorSettings settings;
  private final HttpClient http;
  private final Duration timeout;
  private final List<Duration> retryDelays;
  private final Sleeper sleeper;

  /** Waits between retries; a seam so that tests need not wait. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  WebhookTokenAuthenticator(
      WebhookAuthenticatorSettings settings,
      Duration timeout,
      List<Duration> retryDelays,
      Sleeper sleeper) {
    this.settings = settings;
    this.timeout = timeout;
    this.retryDelays = List.copyOf(retryDelays);
    this.sleeper = sleeper;
    this.http =
        HttpClient.newBuilder()
            .sslContext(sslContext(settings))
            .sslParameters(TlsProfile.DEFAULT.clientParameters())
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** An authenticator with Pinniped's timeout and Kubernetes' retry backoff. */
  public static WebhookTokenAuthenticator create(WebhookAuthenticatorSettings settings) {
    return new WebhookTokenAuthenticator(
        settings,
        DEFAULT_TIMEOUT,
        DEFAULT_RETRY_DELAYS,
        duration -> Thread.sleep(duration.toMillis()));
  }

  public WebhookAuthenticatorSettings settings() {
    return settings;
  }

  @Override
  public AuthenticationResult authenticate(String token) {
    HttpRequest request =
        HttpRequest.newBuilder(settings.endpoint())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(tokenReview(token)))
            .build();
    for (int attempt = 0; ; attempt++) {
      Attempt outcome = send(request);
      AuthenticationResult result = outcome.result();
      if (result != null) {
        return result;
      }
      if (attempt >= retryDelays.size()) {
        return new AuthenticationResult.Failed(
            outcome.problem() + " (after " + (attempt + 1) + " attempts)");
      }
      try {
        sleeper.sleep(retryDelays.get(attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new AuthenticationResult.Failed("interrupted while calling the webhook");
      }
    }
  }

  /** One call: a final result, or a transient problem worth another try. */
  private record Attempt(@Nullable AuthenticationResult result, String problem) {
    static Attempt finalResult(AuthenticationResult result) {
      return new Attempt(result, "");
    }

    static Attempt transientProblem(String problem) {
      return new Attempt(null, problem);
    }
  }

  private Attempt send(HttpRequest request) {
    HttpResponse<InputStream> response;
    byte[] body;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
    } catch (HttpTimeoutException e) {
      return Attempt.finalResult(
          new AuthenticationResult.Failed(
              "the webhook did not answer within " + timeout.toSeconds() + "s"));
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      if (message.toLowerCase(Locale.ROOT).contains("reset")) {
        return Attempt.transientProblem("the webhook reset the connection: " + message);
      }
      return Attempt.finalResult(
          new AuthenticationResult.Failed("cannot call the webhook: " + describe(e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Attempt.finalResult(
          new AuthenticationResult.Failed("interrupted while calling the webhook"));
    }
    int status = response.statusCode();
    if (RETRIED_STATUS_CODES.contains(status)) {
      return Attempt.transientProblem("the webhook answered HTTP " + status);
    }
    if (status != 200 && status != 201) {
      return Attempt.finalResult(
          new AuthenticationResult.Failed("the webhook answered HTTP " + status));
    }
    if (body.length > MAX_RESPONSE_BYTES) {
      return Attempt.finalResult(
          new AuthenticationResult.Failed("the webhook's answer is larger than 1 MiB"));
    }
    return Attempt.finalResult(result(body));
  }

  private static AuthenticationResult result(byte[] body) {
    JsonNode review;
    try {
      review = JSON.readTree(body);
    } catch (IOException e) {
      return new AuthenticationResult.Failed("the webhook's answer is not JSON");
    }
    if (review == null
        || !"TokenReview".equals(review.path("kind").asText())
        || !RESPONSE_API_VERSIONS.contains(review.path("apiVersion").asText())) {
      return new AuthenticationResult.Failed(
          "the webhook's answer is not an authentication.k8s.io TokenReview");
    }
    JsonNode status = review.path("status");
    if (!status.path("authenticated").asBoolean(false)) {
      String error = status.path("error").asText("");
      return new AuthenticationResult.Rejected(
          error.isEmpty() ? "the webhook did not authenticate the token" : "webhook: " + error);
    }
    return user(status.path("user"));
  }

  private static AuthenticationResult user(JsonNode user) {
    String name = user.path("username").asText("");
    if (name.isEmpty()) {
      return new AuthenticationResult.Rejected("the webhook authenticated a user without a name");
    }
    List<String> groups = new ArrayList<>();
    for (JsonNode group : user.path("groups")) {
      groups.add(group.asText());
    }
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : user.path("extra").properties()) {
      List<String> values = new ArrayList<>();
      field.getValue().forEach(value -> values.add(value.asText()));
      extra.put(field.getKey(), values);
    }
    if (name.startsWith(RESERVED_PREFIX)) {
      return new AuthenticationResult.Rejected(
          "username starts with the reserved prefix " + RESERVED_PREFIX);
    }
    if (groups.stream().anyMatch(group -> group.startsWith(RESERVED_PREFIX))) {
      return new AuthenticationResult.Rejected(
          "a group starts with the reserved prefix " + RESERVED_PREFIX);
    }
    return new AuthenticationResult.Authenticated(
        new KubernetesUser(name, user.path("uid").asText(""), groups, extra));
  }

  /** The request body; the token is in it, so it is never logged. */
  private static String tokenReview(String token) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", REQUEST_API_VERSION).put("kind", "TokenReview");
    review.putObject("metadata").putNull("creationTimestamp");
    review.putObject("spec").put("token", token);
    review.putObject("status").putObject("user");
    return review.toString();
  }

  private static SSLContext sslContext(WebhookAuthenticatorSettings settings) {
    if (settings.caBundle() != null) {
      return settings.caBundle().sslContext();
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }

  private static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
