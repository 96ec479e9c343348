package dev.pinnipedjava.supervisor.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP response of an endpoint: status, {@code Content-Type}, body and headers of its own
 * ({@code Location}, {@code Set-Cookie}, {@code Warning}, a page's {@code
 * Content-Security-Policy}). The listener adds the headers every response carries; a header set
 * here replaces the listener's.
 */
public final class EndpointResponse {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String HTML = "text/html; charset=utf-8";

  private final int status;
  private final String contentType;
  private final byte[] body;
  private final Map<String, List<String>> headers;

  public EndpointResponse(int status, String contentType, byte[] body) {
    this(status, contentType, body, Map.of());
  }

  private EndpointResponse(
      int status, String contentType, byte[] body, Map<String, List<String>> headers) {
    this.status = status;
    this.contentType = contentType;
    this.body = body.clone();
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    this.headers = java.util.Collections.unmodifiableMap(copy);
  }

  /** A redirect to {@code location}, without a body. */
  public static EndpointResponse redirect(int status, String location) {
    return new EndpointResponse(status, TEXT, new byte[0]).withHeader("Location", location);
  }

  /** An HTML page with its own Content Security Policy. */
  public static EndpointResponse html(int status, String page, String contentSecurityPolicy) {
    return new EndpointResponse(status, HTML, page.getBytes(StandardCharsets.UTF_8))
        .withHeader("Content-Security-Policy", contentSecurityPolicy);
  }

  /** This response with one more value of header {@code name}. */
  public EndpointResponse withHeader(String name, String value) {
    Map<String, List<String>> next = new LinkedHashMap<>(headers);
    List<String> values = new ArrayList<>(next.getOrDefault(name, List.of()));
    values.add(value);
    next.put(name, values);
    return new EndpointResponse(status, contentType, body, next);
  }

  /** The headers of this response, by name, in the order added. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of header {@code name}, if any. */
  public java.util.Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(values.get(0));
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  public byte[] body() {
    return body.clone();
  }

  public static EndpointResponse json(int status, byte[] body) {
    return new EndpointResponse(status, JSON, body);
  }

  /** A plain text error, as Go's {@code http.Error} writes it (with a final newline). */
  public static EndpointResponse text(int status, String message) {
    return new EndpointResponse(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** What every issuer endpoint answers to a method other than GET, as Pinniped's. */
  public static EndpointResponse methodNotAllowed() {
    return text(405, "Method not allowed (try GET)");
  }

  /** This response without the final newline of its body, if it has one. */
  public EndpointResponse withoutNewline() {
    int length = body.length;
    if (length > 0 && body[length - 1] == '\n') {
      return new EndpointResponse(status, contentType, Arrays.copyOf(body, length - 1), headers);
    }
    return this;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EndpointResponse response
        && status == response.status
        && contentType.equals(response.contentType)
        && Arrays.equals(body, response.body)
        && headers.equals(response.headers);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * status + contentType.hashCode()) + Arrays.hashCode(body))
        + headers.hashCode();
  }

  @Override
  public String toString() {
    return "EndpointResponse[" + status + ", " + contentType + ", " + body.length + " bytes]";
  }
}
