package dev.pinnipedjava.cli.kubeclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import dev.pinnipedjava.cli.version.UserAgent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and creates objects through a Kubernetes-style API (the kube-apiserver, or the Concierge's
 * aggregated API) and turns error answers into {@link KubeApiException}s with client-go's wording.
 */
public final class KubeApiClient {

  private static final int MAX_BODY_IN_MESSAGE = 200;
  private static final Map<Integer, String> GENERIC_MESSAGES =
      Map.of(
          400, "the server rejected our request for an unknown reason",
          401, "Unauthorized",
          403, "the server does not allow access to the requested resource",
          404, "the server could not find the requested resource",
          405, "the server does not allow this method on the requested resource",
          409, "the server reported a conflict",
          429, "the server has received too many requests and has asked us to try again later",
          503, "the server is currently unable to handle the request");

  private final URI server;
  private final HttpClient http;
  private final @Nullable String bearerToken;
  private final DebugLog debug;

  /**
   * @param server the API base URL; a path in it is kept as a prefix
   * @param bearerToken sent as {@code Authorization: Bearer}, or null for anonymous calls
   */
  public KubeApiClient(URI server, HttpClient http, @Nullable String bearerToken, DebugLog debug) {
    this.server = server;
    this.http = http;
    this.bearerToken = bearerToken;
    this.debug = debug;
  }

  /**
   * POSTs {@code body} as JSON to {@code path} (which starts with {@code /}) and reads the answer.
   *
   * @param timeout the limit for the whole call, or null for none
   */
  public <T> T create(String path, Object body, Class<T> responseType, @Nullable Duration timeout)
      throws KubeApiException {
    ObjectMapper json = KubeJson.json();
    return send(
        "Post",
        path,
        HttpRequest.BodyPublishers.ofByteArray(toJson(json, body)),
        responseType,
        timeout);
  }

  /**
   * GETs {@code path} (which starts with {@code /}) and returns the answer as a JSON tree, which
   * the caller reads with its own settings.
   *
   * @param timeout the limit for the whole call, or null for none
   */
  public JsonNode get(String path, @Nullable Duration timeout) throws KubeApiException {
    return send("Get", path, null, JsonNode.class, timeout);
  }

  private <T> T send(
      String verb,
      String path,
      HttpRequest.@Nullable BodyPublisher body,
      Class<T> responseType,
      @Nullable Duration timeout)
      throws KubeApiException {
    ObjectMapper json = KubeJson.json();
    URI url = URI.create(stripTrailingSlash(server.toString()) + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .header("Accept", "application/json")
            .header("User-Agent", UserAgent.value());
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json").POST(body);
    }
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    if (timeout != null) {
      request.timeout(timeout);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new KubeApiException("%s \"%s\": %s".formatted(verb, url, describe(e)), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubeApiException("%s \"%s\": interrupted".formatted(verb, url), e);
    }
    String auditId = response.headers().firstValue("Audit-Id").orElse(null);
    if (auditId != null) {
      debug.log(
          "Received auditID for request",
          "path",
          url.getPath(),
          "statusCode",
          response.statusCode(),
          "auditID",
          auditId);
    }
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      throw new KubeApiException(
          errorMessage(json, response.statusCode(), response.body()),
          response.statusCode(),
          auditId);
    }
    try {
      return json.readValue(response.body(), responseType);
    } catch (IOException e) {
      throw new KubeApiException(
          "could not read the answer of %s \"%s\": %s".formatted(verb, url, describe(e)), e);
    }
  }

  private static byte[] toJson(ObjectMapper json, Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request bodies are plain records", e);
    }
  }

  /** The message of a Kubernetes {@code Status} answer, else client-go's generic wording. */
  static String errorMessage(ObjectMapper json, int statusCode, byte[] body) {
    try {
      Status status = json.readValue(body, Status.class);
      if (status != null && "Status".equals(status.kind()) && status.message() != null) {
        return status.message();
      }
    } catch (IOException e) {
      // Not a Status object: fall through to the generic message.
    }
    String generic = GENERIC_MESSAGES.get(statusCode);
    if (generic != null) {
      return generic;
    }
    if (statusCode >= 500) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      if (text.length() > MAX_BODY_IN_MESSAGE) {
        text = text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
      }
      return "an error on the server (\"%s\") has prevented the request from succeeding"
          .formatted(text.isEmpty() ? "unknown" : text);
    }
    return "the server responded with the status code %d but did not return more information"
        .formatted(statusCode);
  }

  /** A short description of a transport failure; the JDK often leaves messages empty. */
  public static String describe(Throwable failure) {
    if (failure instanceof HttpTimeoutException) {
      return "request timed out";
    }
    if (failure instanceof java.net.ConnectException && failure.getMessage() == null) {
      return "connection refused";
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return failure.getClass().getSimpleName();
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The part of a Kubernetes {@code Status} error answer the CLI shows. */
  record Status(@Nullable String kind, @Nullable String message, @Nullable String reason) {}
}
