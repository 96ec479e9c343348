package dev.pinnipedjava.cli.login;

import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.sessioncache.OidcTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cli_password} flow: the username and password (from {@code PINNIPED_USERNAME} and
 * {@code PINNIPED_PASSWORD}, or prompted for) go to the Supervisor's authorize endpoint in headers;
 * it checks them itself and redirects straight to the loopback callback, whose code is redeemed
 * without any listener.
 */
final class PasswordFlow {

  static final String USERNAME_ENV = "PINNIPED_USERNAME";
  static final String PASSWORD_ENV = "PINNIPED_PASSWORD";
  static final String USERNAME_HEADER = "Pinniped-Username";
  static final String PASSWORD_HEADER = "Pinniped-Password";

  private final LoginOptions options;
  private final LoginSecrets secrets;
  private final IssuerConnection issuer;
  private final OidcLogin.Environment env;
  private final Prompts prompts;
  private final PrintStream stderr;
  private final DebugLog debug;

  PasswordFlow(
      LoginOptions options,
      LoginSecrets secrets,
      IssuerConnection issuer,
      OidcLogin.Environment env,
      Prompts prompts,
      PrintStream stderr,
      DebugLog debug) {
    this.options = options;
    this.secrets = secrets;
    this.issuer = issuer;
    this.env = env;
    this.prompts = prompts;
    this.stderr = stderr;
    this.debug = debug;
  }

  OidcTokens login(Map<String, String> authorizeParams) throws LoginException {
    String name = options.upstreamProviderName();
    if (name != null && !name.isEmpty()) {
      stderr.printf("%nLog in to %s%n%n", name);
      stderr.flush();
    }
    String username = credential(USERNAME_ENV, "username", false);
    String password = credential(PASSWORD_ENV, "password", true);
    String callbackHost = "127.0.0.1:" + options.listenPort();
    String redirectUri = "http://" + callbackHost + CallbackServer.PATH;
    URI authorize =
        AuthorizeUrl.of(
            options,
            secrets,
            issuer.provider().authorizationEndpoint(),
            redirectUri,
            authorizeParams);
    HttpResponse<String> response;
    try {
      response =
          issuer
              .http()
              .get(authorize, Map.of(USERNAME_HEADER, username, PASSWORD_HEADER, password));
    } catch (IOException e) {
      throw new LoginException("authorization response error: " + e.getMessage(), e);
    }
    if (response.statusCode() < 300 || response.statusCode() > 399) {
      throw new LoginException(
          "error getting authorization: expected to be redirected, but response status was "
              + response.statusCode());
    }
    String rawLocation = response.headers().firstValue("Location").orElse("");
    URI location;
    try {
      location = new URI(rawLocation);
    } catch (URISyntaxException e) {
      throw new LoginException(
          "error getting authorization: could not parse redirect location: " + e.getMessage(), e);
    }
    if (!"http".equals(location.getScheme())
        || !callbackHost.equals(location.getRawAuthority())
        || !CallbackServer.PATH.equals(location.getPath())) {
      throw new LoginException(
          "error getting authorization: redirected to the wrong location: " + rawLocation);
    }
    Map<String, String> params = CallbackServer.parseForm(location.getRawQuery());
    if (!LoginSecrets.matches(secrets.state(), params.get("state"))) {
      throw new LoginException(
          "missing or invalid state parameter in authorization response: " + rawLocation);
    }
    String code = params.getOrDefault("code", "");
    if (code.isEmpty()) {
      String error = params.getOrDefault("error", "");
      String description = params.getOrDefault("error_description", "");
      throw new LoginException(
          description.isEmpty()
              ? "login failed with code \"%s\"".formatted(error)
              : "login failed with code \"%s\": %s".formatted(error, description));
    }
    try {
      return issuer.endpoint().redeem(code, redirectUri, secrets);
    } catch (LoginException e) {
      throw new LoginException(
          "could not complete authorization code exchange: " + e.getMessage(), e);
    }
  }

  private String credential(String envName, String what, boolean secret) throws LoginException {
    Optional<String> fromEnv = env.get(envName).filter(s -> !s.isEmpty());
    if (fromEnv.isPresent()) {
      debug.log("Read " + what + " from environment variable", "name", envName);
      return fromEnv.get();
    }
    if (!options.interactive()) {
      throw new LoginException(
          ("error prompting for %s: kubectl runs this plugin without a terminal, so it cannot ask;"
                  + " set %s and %s, or run a kubectl command from a terminal to log in")
              .formatted(what, USERNAME_ENV, PASSWORD_ENV));
    }
    try {
      return secret ? prompts.readSecret("Password: ") : prompts.readLine("Username: ");
    } catch (IOException e) {
      throw new LoginException("error prompting for %s: %s".formatted(what, e.getMessage()), e);
    }
  }
}
