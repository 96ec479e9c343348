package dev.pinnipedjava.cli.login;

import dev.pinnipedjava.cli.cachefile.CacheFileException;
import dev.pinnipedjava.cli.cachefile.CacheFileLock;
import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.http.HttpClientFactory;
import dev.pinnipedjava.cli.sessioncache.OidcTokens;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.AccessToken;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.IdToken;
import dev.pinnipedjava.cli.sessioncache.SessionCache;
import dev.pinnipedjava.cli.sessioncache.SessionCacheKey;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One OIDC login, as Pinniped's {@code oidcclient.Login}: reuse the cached session when its token
 * is still good, else refresh it, else log in through the {@link BrowserFlow} or the {@link
 * PasswordFlow}; then, if another audience is requested, trade the tokens for an ID token of that
 * audience (RFC 8693).
 */
public final class OidcLogin {

  /** A cached ID token is reused only with this much validity left. */
  static final Duration MIN_ID_TOKEN_VALIDITY = Duration.ofMinutes(10);

  /** How long a run waits quietly for another process logging in to the same session. */
  static final Duration QUIET_WAIT = Duration.ofSeconds(2);

  /** Another process may be waiting for a person to log in in the browser: as long as that. */
  static final Duration LONGEST_WAIT = Duration.ofMinutes(90);

  /** A cached access token is used for an exchange only with this much validity left. */
  static final Duration MIN_ACCESS_TOKEN_VALIDITY = Duration.ofSeconds(10);

  private final LoginOptions options;
  private final @Nullable SessionCache sessions;
  private final HttpClientFactory httpClients;
  private final Environment env;
  private final Clock clock;
  private final SecureRandom random;
  private final Browser browser;
  private final Prompts prompts;
  private final PrintStream stderr;
  private final DebugLog debug;

  /** Environment lookup for {@code PINNIPED_USERNAME} and {@code PINNIPED_PASSWORD}. */
  @FunctionalInterface
  public interface Environment {
    Optional<String> get(String name);
  }

  public OidcLogin(
      LoginOptions options,
      @Nullable SessionCache sessions,
      HttpClientFactory httpClients,
      Environment env,
      Clock clock,
      SecureRandom random,
      Browser browser,
      Prompts prompts,
      PrintStream stderr,
      DebugLog debug) {
    this.options = options;
    this.sessions = sessions;
    this.httpClients = httpClients;
    this.env = env;
    this.clock = clock;
    this.random = random;
    this.browser = browser;
    this.prompts = prompts;
    this.stderr = stderr;
    this.debug = debug;
  }

  /**
   * Logs in.
   *
   * @return tokens whose ID token is for the requested audience (or the client ID)
   */
  public OidcTokens login() throws LoginException {
    IssuerConnection issuer = new IssuerConnection(options, httpClients, clock, debug);
    OidcTokens tokens = baseLogin(issuer);
    if (!needsExchange(tokens)) {
      return tokens;
    }
    debug.log("Performing RFC8693 token exchange", "requestedAudience", options.requestAudience());
    AccessToken access = tokens.access();
    if (access == null) {
      throw new LoginException("failed to exchange token: no access token to exchange");
    }
    try {
      IdToken exchanged =
          issuer
              .endpoint()
              .exchange(access, options.requestAudience() == null ? "" : options.requestAudience());
      return new OidcTokens(null, null, exchanged);
    } catch (LoginException e) {
      throw new LoginException("failed to exchange token: " + e.getMessage(), e);
    }
  }

  private OidcTokens baseLogin(IssuerConnection issuer) throws LoginException {
    SessionCacheKey key =
        new SessionCacheKey(
            options.issuer().toString(),
            options.clientId(),
            options.scopes(),
            "http://localhost:" + options.listenPort() + CallbackServer.PATH,
            options.upstreamProviderName());
    OidcTokens cached = sessions == null ? null : sessions.get(key).orElse(null);
    if (cached != null && validForNearFuture(cached)) {
      debug.log("Found unexpired cached token.");
      return cached;
    }
    try (CacheFileLock lock = lockForLogin(key)) {
      if (lock != null && sessions != null) {
        cached = sessions.get(key).orElse(null);
        if (cached != null && validForNearFuture(cached)) {
          debug.log("Found the tokens another process just obtained.");
          return cached;
        }
      }
      return refreshOrLogIn(issuer, key, cached);
    }
  }

  private OidcTokens refreshOrLogIn(
      IssuerConnection issuer, SessionCacheKey key, @Nullable OidcTokens cached)
      throws LoginException {
    if (cached != null && cached.refresh() != null) {
      debug.log("Refreshing cached tokens.");
      Optional<OidcTokens> refreshed = refresh(issuer, cached.refresh());
      if (refreshed.isPresent()) {
        store(key, refreshed.get());
        return refreshed.get();
      }
    }
    LoginSecrets secrets = LoginSecrets.generate(random);
    Map<String, String> authorizeParams = new LinkedHashMap<>();
    authorizeParams.put("access_type", "offline");
    authorizeParams.put("nonce", secrets.nonce());
    authorizeParams.put("code_challenge", secrets.pkceChallenge());
    authorizeParams.put("code_challenge_method", "S256");
    LoginFlow flow = FlowChoice.choose(options, issuer.identityProviders(), authorizeParams);
    OidcTokens tokens =
        flow == LoginFlow.CLI_PASSWORD
            ? new PasswordFlow(options, secrets, issuer, env, prompts, stderr, debug)
                .login(authorizeParams)
            : new BrowserFlow(options, secrets, issuer, browser, prompts, stderr, debug)
                .login(authorizeParams);
    store(key, tokens);
    return tokens;
  }

  /**
   * The session's login lock, or null without a session cache or when the lock cannot be had: then
   * this run logs in on its own, as it would without the lock.
   */
  private @Nullable CacheFileLock lockForLogin(SessionCacheKey key) {
    if (sessions == null) {
      return null;
    }
    try {
      return sessions.lockForLogin(key, QUIET_WAIT);
    } catch (CacheFileException e) {
      if (!e.timedOut()) {
        stderr.println("Warning: " + e.getMessage());
        return null;
      }
    }
    stderr.println(
        "Waiting for another pinniped-java process that is logging in to the same session...");
    stderr.flush();
    try {
      return sessions.lockForLogin(key, LONGEST_WAIT);
    } catch (CacheFileException e) {
      stderr.println("Warning: " + e.getMessage());
      return null;
    }
  }

  /** The refreshed tokens, or empty when the issuer refused: then the user logs in again. */
  private Optional<OidcTokens> refresh(IssuerConnection issuer, OidcTokens.RefreshToken token)
      throws LoginException {
    TokenEndpoint endpoint = issuer.endpoint();
    try {
      return Optional.of(endpoint.refresh(token));
    } catch (LoginException e) {
      debug.log("Refresh failed.", "error", e.getMessage());
      return Optional.empty();
    }
  }

  private void store(SessionCacheKey key, OidcTokens tokens) {
    if (sessions != null) {
      sessions.put(key, tokens);
    }
  }

  /** An exchange is needed when an audience is requested that the ID token does not have. */
  private boolean needsExchange(@Nullable OidcTokens tokens) {
    String audience = options.requestAudience();
    if (audience == null || audience.isEmpty()) {
      return false;
    }
    IdToken id = tokens == null ? null : tokens.id();
    Object aud = id == null || id.claims() == null ? null : id.claims().get("aud");
    // Pinniped compares the claim to the string: an audience list never matches.
    return !(aud instanceof String text && text.equals(audience));
  }

  private boolean validForNearFuture(OidcTokens tokens) {
    Instant now = clock.instant();
    if (needsExchange(tokens)) {
      AccessToken access = tokens.access();
      return access != null
          && access.expiryTimestamp() != null
          && Duration.between(now, access.expiryTimestamp()).compareTo(MIN_ACCESS_TOKEN_VALIDITY)
              > 0;
    }
    IdToken id = tokens.id();
    return id != null
        && id.expiryTimestamp() != null
        && Duration.between(now, id.expiryTimestamp()).compareTo(MIN_ID_TOKEN_VALIDITY) > 0;
  }
}
