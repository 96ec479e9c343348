package dev.pinnipedjava.supervisor.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An HTTP response of an endpoint: status, {@code Content-Type} and body. The listener adds the
 * headers every response carries.
 */
public final class EndpointResponse {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";

  private final int status;
  private final String contentType;
  private final byte[] body;

  public EndpointResponse(int status, String contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body.clone();
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
      return new EndpointResponse(status, contentType, java.util.Arrays.copyOf(body, length - 1));
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
        && Arrays.equals(body, response.body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * status + contentType.hashCode()) + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "EndpointResponse[" + status + ", " + contentType + ", " + body.length + " bytes]";
  }
}
