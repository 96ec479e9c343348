package dev.pinnipedjava.supervisor.page;

import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.endpoint.FormEncoding;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The form_post response page (OAuth 2.0 Form Post Response Mode) as Pinniped's CLI expects it:
 * hidden {@code redirect_uri} and {@code encoded_params}, which a script posts ({@code fetch},
 * CORS) to the CLI's loopback listener. It shows "logging in", then success, or after two seconds
 * or on a network error the code to paste into the CLI, or the CLI's error. The script drops the
 * code from the browser history; without script the code is shown at once.
 */
public final class FormPostPage {
  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em}"
          + ".state{display:none}.state.shown{display:block}"
          + "code{background:#eee;padding:0.2em 0.4em;word-break:break-all}";

  private static final String SCRIPT =
      """
      window.onload = () => {
        const show = (id) => {
          document.querySelectorAll('.state').forEach((e) => e.classList.remove('shown'));
          document.getElementById(id).classList.add('shown');
        };
        const form = document.querySelector('form');
        const redirectUri = form.querySelector('input[name=redirect_uri]').value;
        const encodedParams = form.querySelector('input[name=encoded_params]').value;
        const code = new URLSearchParams(encodedParams).get('code') || '';
        document.getElementById('manual-code').textContent = code;
        document.getElementById('manual-copy').onclick = () => navigator.clipboard.writeText(code);
        window.history.replaceState(null, '', './');
        show('loading');
        let done = false;
        const manual = () => { if (!done) { done = true; show('manual'); } };
        const timer = setTimeout(manual, 2000);
        fetch(redirectUri, {
          method: 'POST',
          mode: 'cors',
          headers: {'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8'},
          body: encodedParams,
        }).then((response) => {
          clearTimeout(timer);
          if (done) { return; }
          done = true;
          if (response.ok) { show('success'); return; }
          response.text().then((text) => {
            document.getElementById('error-message').textContent = response.status + ': ' + text;
            show('error');
          });
        }).catch(() => { clearTimeout(timer); manual(); });
      };
      """;

  /** Its own script and style, the data: favicon, and a POST to the client's listener. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src "
          + Html.cspHash(SCRIPT)
          + "; style-src "
          + Html.cspHash(STYLE)
          + "; img-src data:; connect-src *; frame-ancestors 'none'";

  private FormPostPage() {}

  /** The page that delivers {@code parameters} to {@code redirectUri}. */
  public static EndpointResponse render(URI redirectUri, Map<String, List<String>> parameters) {
    List<String> codes = parameters.getOrDefault("code", List.of());
    String code = codes.isEmpty() ? "" : codes.get(0);
    String page =
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="UTF-8">
        <title>Pinniped</title>
        <link rel="icon" href="data:,">
        <style>%s</style>
        <script>%s</script>
        </head>
        <body>
        <noscript>To finish logging in, paste this authorization code into your command-line session: <code>%s</code></noscript>
        <form method="post" action="%s">
        <input type="hidden" name="redirect_uri" value="%s">
        <input type="hidden" name="encoded_params" value="%s">
        </form>
        <div id="loading" class="state">&#x23F3; Logging in...</div>
        <div id="success" class="state">&#x2705; Login succeeded. You have successfully logged in. You may now close this tab.</div>
        <div id="manual" class="state">&#x231B; Finish your login: paste this authorization code into your command-line session: <code id="manual-code"></code> <button id="manual-copy">Copy authorization code</button></div>
        <div id="error" class="state">&#x26D4; <span id="error-message"></span></div>
        </body>
        </html>
        """
            .formatted(
                STYLE,
                SCRIPT,
                Html.escape(code),
                Html.escape(redirectUri.toString()),
                Html.escape(redirectUri.toString()),
                Html.escape(FormEncoding.encode(parameters)));
    return EndpointResponse.html(200, page, CONTENT_SECURITY_POLICY);
  }
}
