package dev.pinnipedjava.cli.login;

import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.login.CallbackServer.CallbackResult;
import dev.pinnipedjava.cli.sessioncache.OidcTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code browser_authcode} flow: a loopback listener takes the callback (or, on a terminal, the
 * user pastes the code), the browser opens the authorize URL (or the URL is printed), and the first
 * code to arrive is redeemed with the login's PKCE verifier and nonce.
 */
final class BrowserFlow {

  /** The whole interactive login may take this long. */
  static final Duration OVERALL_TIMEOUT = Duration.ofMinutes(90);

  private final LoginOptions options;
  private final LoginSecrets secrets;
  private final IssuerConnection issuer;
  private final Browser browser;
  private final Prompts prompts;
  private final PrintStream stderr;
  private final DebugLog debug;

  /** The redirect URI of the flow, which a callback or a pasted code is redeemed with. */
  private volatile String redirectUri = "";

  BrowserFlow(
      LoginOptions options,
      LoginSecrets secrets,
      IssuerConnection issuer,
      Browser browser,
      Prompts prompts,
      PrintStream stderr,
      DebugLog debug) {
    this.options = options;
    this.secrets = secrets;
    this.issuer = issuer;
    this.browser = browser;
    this.prompts = prompts;
    this.stderr = stderr;
    this.debug = debug;
  }

  OidcTokens login(Map<String, String> authorizeParams) throws LoginException {
    BlockingQueue<CallbackResult> results = new LinkedBlockingQueue<>();
    CallbackServer listener = null;
    if (!options.skipListen()) {
      try {
        listener =
            CallbackServer.start(
                options.listenPort(),
                options.issuer(),
                secrets.state(),
                code -> issuer.endpoint().redeem(code, redirectUri, secrets),
                results,
                debug);
      } catch (IOException e) {
        debug.log("could not open callback listener", "error", e.getMessage());
      }
    }
    if (listener == null && !options.interactive()) {
      throw new LoginException(
          "login failed: must have either a localhost listener or stdin must be a TTY");
    }
    redirectUri =
        listener == null ? "http://127.0.0.1:0" + CallbackServer.PATH : listener.redirectUri();
    Map<String, String> params = new LinkedHashMap<>(authorizeParams);
    if (issuer.provider().supportsFormPost()) {
      params.put("response_mode", "form_post");
    }
    URI authorize =
        AuthorizeUrl.of(
            options, secrets, issuer.provider().authorizationEndpoint(), redirectUri, params);
    try (CallbackServer ignored = listener) {
      boolean openedBrowser = false;
      if (!options.skipBrowser()) {
        try {
          browser.open(authorize);
          openedBrowser = true;
        } catch (IOException e) {
          debug.log("could not open browser", "error", e.getMessage());
        }
      }
      if (!openedBrowser || !options.skipPrintLoginUrl()) {
        stderr.printf("Log in by visiting this link:%n%n    %s%n%n", authorize);
        stderr.flush();
        if (options.interactive() && issuer.provider().supportsFormPost()) {
          startPastePrompt(results);
        }
      }
      return awaitResult(results);
    }
  }

  private static OidcTokens awaitResult(BlockingQueue<CallbackResult> results)
      throws LoginException {
    CallbackResult result;
    try {
      result = results.poll(OVERALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoginException("interrupted while waiting for the login to finish", e);
    }
    if (result == null) {
      throw new LoginException("timed out waiting for token callback");
    }
    if (result.failure() != null) {
      throw new LoginException(
          "error handling callback: " + result.failure().getMessage(), result.failure());
    }
    if (result.tokens() == null) {
      throw new LoginException("error handling callback: no tokens");
    }
    return result.tokens();
  }

  /**
   * Reads a pasted code on a daemon thread (a blocked read cannot be interrupted; the process ends
   * soon after the login anyway) and redeems it with the same PKCE verifier and nonce.
   */
  private void startPastePrompt(BlockingQueue<CallbackResult> results) {
    Thread thread =
        new Thread(
            () -> {
              CallbackResult result;
              try {
                String code = prompts.readLine("    Optionally, paste your authorization code: ");
                result =
                    new CallbackResult(issuer.endpoint().redeem(code, redirectUri, secrets), null);
              } catch (IOException e) {
                stderr.print("[...]\n");
                result =
                    new CallbackResult(
                        null,
                        new LoginException(
                            "failed to prompt for manual authorization code: " + e.getMessage(),
                            e));
              } catch (LoginException e) {
                result = new CallbackResult(null, e);
              }
              stderr.println();
              stderr.flush();
              results.add(result);
            },
            "oidc-paste-prompt");
    thread.setDaemon(true);
    thread.start();
  }
}
