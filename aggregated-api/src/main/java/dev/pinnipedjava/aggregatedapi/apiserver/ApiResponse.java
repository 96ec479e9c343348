package dev.pinnipedjava.aggregatedapi.apiserver;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** An HTTP response of the aggregated API. */
public final class ApiResponse {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";

  private final int statusCode;
  private final String contentType;
  private final byte[] body;
  private final List<String> warnings;

  /**
   * @param statusCode the HTTP status code
   * @param contentType the media type of the body
   * @param body the encoded body
   * @param warnings texts for {@code Warning: 299} headers, which kubectl prints
   */
  public ApiResponse(int statusCode, String contentType, byte[] body, List<String> warnings) {
    this.statusCode = statusCode;
    this.contentType = contentType;
    this.body = body.clone();
    this.warnings = List.copyOf(warnings);
  }

  public static ApiResponse json(int statusCode, byte[] body) {
    return new ApiResponse(statusCode, JSON, body, List.of());
  }

  public static ApiResponse text(int statusCode, String body) {
    return new ApiResponse(statusCode, TEXT, body.getBytes(StandardCharsets.UTF_8), List.of());
  }

  public ApiResponse withWarnings(List<String> warnings) {
    return new ApiResponse(statusCode, contentType, body, warnings);
  }

  public int statusCode() {
    return statusCode;
  }

  public String contentType() {
    return contentType;
  }

  public byte[] body() {
    return body.clone();
  }

  public List<String> warnings() {
    return warnings;
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    // Bodies can hold private keys: never part of the text form.
    return "ApiResponse[" + statusCode + " " + contentType + ", " + body.length + " bytes]";
  }
}
