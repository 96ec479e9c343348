package dev.pinnipedjava.supervisor.page;

import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;

/**
 * The page shown when an error cannot go back to the client (unknown client, unregistered redirect
 * URI, a broken callback): the HTTP status, the OAuth error code and its description, and nothing
 * else.
 */
public final class ErrorPage {
  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em}code{background:#eee;padding:0.1em 0.3em}";
  private static final String CSP =
      "default-src 'none'; style-src " + Html.cspHash(STYLE) + "; frame-ancestors 'none'";

  private ErrorPage() {}

  public static EndpointResponse render(ErrorObject error) {
    int status = error.getHTTPStatusCode() > 0 ? error.getHTTPStatusCode() : 400;
    String description = error.getDescription() == null ? "" : error.getDescription();
    String page =
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="UTF-8"><title>Pinniped</title><style>%s</style></head>
        <body>
        <h1>%d %s</h1>
        <p><code id="error">%s</code></p>
        <p id="error_description">%s</p>
        </body>
        </html>
        """
            .formatted(
                STYLE,
                status,
                Html.escape(reason(status)),
                Html.escape(error.getCode()),
                Html.escape(description));
    return EndpointResponse.html(status, page, CSP);
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Entity";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
