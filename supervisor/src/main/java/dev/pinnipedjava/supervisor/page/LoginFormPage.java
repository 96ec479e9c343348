package dev.pinnipedjava.supervisor.page;

import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * The login form of providers that take a username and password in the browser (Pinniped's {@code
 * loginhtml}): "Log in to" the provider's display name, {@code username} and {@code password}
 * fields, the upstream state hidden, and at most one alert. Its own style only: no script.
 */
public final class LoginFormPage {
  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em}.form-field{margin:0.75em 0}"
          + "input[type=text],input[type=password]{width:20em;padding:0.4em}"
          + ".alert{color:#b00020;font-weight:bold}";

  /** Its own style; forms may post only back to the Supervisor. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src " + Html.cspHash(STYLE) + "; frame-ancestors 'none'";

  /** Why the form is shown again, as the {@code err} query parameter names it. */
  public enum Alert {
    INCORRECT_USERNAME_OR_PASSWORD(
        "incorrect_username_or_password", "Incorrect username or password."),
    INTERNAL_ERROR(
        "internal_error",
        "An internal error occurred. Please contact your administrator for help.");

    private final String parameter;
    private final String message;

    Alert(String parameter, String message) {
      this.parameter = parameter;
      this.message = message;
    }

    /** Its value of the {@code err} query parameter. */
    public String parameter() {
      return parameter;
    }

    public String message() {
      return message;
    }

    /** The alert a value of {@code err} names, if any. */
    public static Optional<Alert> fromParameter(String value) {
      return Arrays.stream(values()).filter(alert -> alert.parameter.equals(value)).findFirst();
    }
  }

  private LoginFormPage() {}

  /**
   * The form.
   *
   * @param action where the form posts to: the issuer's {@code /login}
   * @param state the upstream state, posted back unchanged
   */
  public static EndpointResponse render(
      String providerName, URI action, String state, Optional<Alert> alert) {
    String alertHtml =
        alert
            .map(
                shown ->
                    "<div class=\"form-field\"><span class=\"alert\" role=\"alert\" id=\"alert\">"
                        + Html.escape(shown.message())
                        + "</span></div>\n")
            .orElse("");
    String page =
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="UTF-8">
        <title>Pinniped</title>
        <style>%s</style>
        </head>
        <body>
        <h1>Log in to %s</h1>
        %s<form action="%s" method="post">
        <div class="form-field"><label for="username">Username</label><br><input type="text" name="username" id="username" autocomplete="username" required autofocus></div>
        <div class="form-field"><label for="password">Password</label><br><input type="password" name="password" id="password" autocomplete="current-password" required></div>
        <input type="hidden" name="state" id="state" value="%s">
        <div class="form-field"><input type="submit" name="submit" id="submit" value="Log in"></div>
        </form>
        </body>
        </html>
        """
            .formatted(
                STYLE,
                Html.escape(providerName),
                alertHtml,
                Html.escape(action.toString()),
                Html.escape(state));
    return EndpointResponse.html(200, page, CONTENT_SECURITY_POLICY);
  }
}
