package dev.pinnipedjava.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import dev.pinnipedjava.cli.version.UserAgent;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** HTTP to the issuer: every request is bounded by Pinniped's 60 second request timeout. */
final class OidcHttp {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client;

  OidcHttp(HttpClient client) {
    this.client = client;
  }

  HttpResponse<String> get(URI url, Map<String, String> headers) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET();
    request.header("User-Agent", UserAgent.value());
    headers.forEach(request::header);
    return send(request.build());
  }

  HttpResponse<String> postForm(URI url, Map<String, String> form) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .header("User-Agent", UserAgent.value())
            .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
            .build();
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new IOException(
          "%s \"%s\": request timed out".formatted(request.method(), request.uri()), e);
    } catch (java.net.ConnectException e) {
      throw new IOException(
          "%s \"%s\": connection refused".formatted(request.method(), request.uri()), e);
    } catch (IOException e) {
      throw new IOException(
          "%s \"%s\": %s".formatted(request.method(), request.uri(), describe(e)), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    JsonNode node = KubeJson.json().readTree(response.body());
    if (node == null || !node.isObject()) {
      throw new IOException("expected a JSON object from " + response.uri());
    }
    return node;
  }

  /** Form encoding with the keys sorted, as Go's url.Values.Encode writes it. */
  static String formEncode(Map<String, String> form) {
    return new TreeMap<>(form)
        .entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return failure.getClass().getSimpleName();
  }
}
