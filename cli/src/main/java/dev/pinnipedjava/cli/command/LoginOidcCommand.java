package dev.pinnipedjava.cli.command;

import dev.pinnipedjava.cli.concierge.ConciergeClient;
import dev.pinnipedjava.cli.concierge.ConciergeConfig;
import dev.pinnipedjava.cli.concierge.ConciergeLoginException;
import dev.pinnipedjava.cli.credentialcache.CredentialCacheKey;
import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import dev.pinnipedjava.cli.execcredential.ExecCredentialWriter;
import dev.pinnipedjava.cli.execcredential.ExecInfo;
import dev.pinnipedjava.cli.fastpath.FastPathRecorder;
import dev.pinnipedjava.cli.http.Pem;
import dev.pinnipedjava.cli.login.Browser;
import dev.pinnipedjava.cli.login.LoginException;
import dev.pinnipedjava.cli.login.LoginFlow;
import dev.pinnipedjava.cli.login.LoginOptions;
import dev.pinnipedjava.cli.login.OidcLogin;
import dev.pinnipedjava.cli.login.TerminalPrompts;
import dev.pinnipedjava.cli.sessioncache.OidcTokens;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.IdToken;
import dev.pinnipedjava.cli.sessioncache.SessionCache;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code login oidc}: logs in at an OIDC issuer (usually a Pinniped Supervisor) for kubectl. */
@Command(
    name = "oidc",
    sortOptions = false,
    customSynopsis = "pinniped-java login oidc --issuer URL [flags]",
    description = {
      "Login using an OpenID Connect provider.",
      "",
      "kubectl runs this command as a client-go credential plugin, configured in the exec"
          + " section of a kubeconfig; people rarely run it directly. It prints an ExecCredential"
          + " (JSON) on stdout; prompts and the login URL go to stderr.",
      "",
      "A valid session in the session cache is reused or refreshed; otherwise a browser (or, with"
          + " the cli_password flow, a username and password prompt) logs you in. With"
          + " --enable-concierge the ID token is traded at the Concierge for a short-lived cluster"
          + " credential, cached until it expires.",
      "",
      "Environment: PINNIPED_UPSTREAM_IDENTITY_PROVIDER_FLOW overrides"
          + " --upstream-identity-provider-flow; PINNIPED_USERNAME and PINNIPED_PASSWORD answer the"
          + " cli_password prompts; PINNIPED_SKIP_PRINT_LOGIN_URL=true hides the URL when a browser"
          + " opened; PINNIPED_DEBUG=true logs to stderr.",
      ""
    })
final class LoginOidcCommand implements Callable<Integer> {

  static final List<String> DEFAULT_SCOPES =
      List.of("offline_access", "openid", "pinniped:request-audience", "username", "groups");
  static final String FLOW_ENV = "PINNIPED_UPSTREAM_IDENTITY_PROVIDER_FLOW";
  static final String SKIP_PRINT_LOGIN_URL_ENV = "PINNIPED_SKIP_PRINT_LOGIN_URL";

  @Option(
      names = "--issuer",
      paramLabel = "URL",
      required = true,
      description = "OpenID Connect issuer URL (https).")
  String issuer = "";

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "OpenID Connect client ID (default: ${DEFAULT-VALUE}).")
  String clientId = "pinniped-cli";

  @Option(
      names = "--listen-port",
      paramLabel = "PORT",
      description =
          "TCP port for the localhost listener (authorization code flow only; default: a free port).")
  int listenPort;

  @Option(
      names = "--scopes",
      paramLabel = "SCOPE",
      split = ",",
      description =
          "OIDC scopes to request during login, comma-separated or repeated (default: ${DEFAULT-VALUE}).")
  List<String> scopes = new ArrayList<>(DEFAULT_SCOPES);

  @Option(
      names = "--skip-browser",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      description = "Skip opening the browser (just print the URL).")
  boolean skipBrowser;

  @Option(
      names = "--skip-listen",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      hidden = true,
      description = "Skip starting a localhost callback listener (manual copy/paste flow only).")
  boolean skipListen;

  @Option(
      names = "--session-cache",
      paramLabel = "PATH",
      description =
          "Path to the session cache file (default: $XDG_CONFIG_HOME/pinniped/sessions.yaml, else"
              + " ~/.config/pinniped/sessions.yaml).")
  @Nullable String sessionCache;

  @Option(
      names = "--ca-bundle",
      paramLabel = "PATH",
      split = ",",
      description =
          "Path to a TLS certificate authority bundle (PEM) for the issuer; can be repeated.")
  List<String> caBundlePaths = new ArrayList<>();

  @Option(
      names = "--ca-bundle-data",
      paramLabel = "BASE64",
      split = ",",
      description =
          "Base64-encoded TLS certificate authority bundle (PEM) for the issuer; can be repeated.")
  List<String> caBundleData = new ArrayList<>();

  @Option(
      names = "--debug-session-cache",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      hidden = true,
      description = "Print debug logs related to the session cache.")
  boolean debugSessionCache;

  @Option(
      names = "--request-audience",
      paramLabel = "AUDIENCE",
      description = "Request a token with an alternate audience using RFC 8693 token exchange.")
  String requestAudience = "";

  @Option(
      names = "--upstream-identity-provider-name",
      paramLabel = "NAME",
      description =
          "The name of the upstream identity provider used during login with a Supervisor.")
  String upstreamName = "";

  @Option(
      names = "--upstream-identity-provider-type",
      paramLabel = "TYPE",
      description =
          "The type of the upstream identity provider used during login with a Supervisor (e.g."
              + " 'oidc', 'ldap', 'activedirectory', 'github'; default: ${DEFAULT-VALUE}).")
  String upstreamType = "oidc";

  @Option(
      names = "--upstream-identity-provider-flow",
      paramLabel = "FLOW",
      description =
          "The type of client flow to use with the upstream identity provider during login with a"
              + " Supervisor (e.g. 'browser_authcode', 'cli_password').")
  String upstreamFlow = "";

  @SuppressWarnings("NullAway.Init")
  @Mixin
  ConciergeOptions concierge;

  @SuppressWarnings("NullAway.Init")
  @Mixin
  CredentialCacheOption credentialCache;

  @SuppressWarnings("NullAway.Init")
  @Mixin
  HelpOption help;

  @SuppressWarnings("NullAway.Init")
  @Spec
  CommandSpec spec;

  private final Deps deps;

  LoginOidcCommand(Deps deps) {
    this.deps = deps;
  }

  @Override
  public Integer call() throws CommandException {
    DebugLog debug =
        DebugLog.fromEnv(deps.env().get(DebugLog.ENV_VAR), deps.stderr(), deps.clock());
    concierge.warnAboutDeprecatedFlags(deps.stderr());
    ExecInfo execInfo =
        ExecInfo.parse(deps.env().get(ExecInfo.ENV_VAR), deps.stdinIsTerminal().getAsBoolean());
    LoginOptions options = loginOptions(execInfo);
    Optional<ConciergeConfig> conciergeConfig = concierge.config();

    List<String> args = OriginalArgs.of(spec);
    CredentialCacheKey key = CredentialCacheKey.forOidcLogin(args, execInfo.cluster());
    CachedLogin cachedLogin =
        new CachedLogin(
            deps,
            debug,
            execInfo.version(),
            concierge.printsWarnings()
                ? FastPathRecorder.disabled()
                : FastPathRecorder.forRun(
                    args, deps.env()::get, List.of(), deps.clock(), debug::log));
    ExecCredentialStatus credential =
        cachedLogin.credential(
            key, credentialCache.open(deps), () -> login(options, conciergeConfig, debug));
    ExecCredentialWriter.write(deps.stdout(), execInfo.version(), credential);
    return 0;
  }

  private ExecCredentialStatus login(
      LoginOptions options, Optional<ConciergeConfig> conciergeConfig, DebugLog debug)
      throws CommandException {
    debug.log("Performing OIDC login", "issuer", issuer, "client id", clientId);
    OidcTokens tokens;
    try {
      tokens = newLogin(options, debug).login();
    } catch (LoginException e) {
      throw new CommandException("could not complete Pinniped login: " + e.getMessage(), e);
    }
    IdToken idToken = tokens.id();
    if (idToken == null) {
      throw new CommandException("could not complete Pinniped login: no ID token");
    }
    ExecCredentialStatus credential =
        ExecCredentialStatus.ofToken(idToken.token(), idToken.expiryTimestamp());
    if (conciergeConfig.isEmpty()) {
      debug.log("No concierge configured, skipping token credential exchange");
      return credential;
    }
    ConciergeConfig config = conciergeConfig.get();
    debug.log(
        "Exchanging token for cluster credential",
        "endpoint",
        config.endpoint(),
        "authenticator type",
        config.authenticatorType().kind(),
        "authenticator name",
        config.authenticatorName());
    try {
      credential =
          new ConciergeClient(config, deps.httpClients(), debug).exchangeToken(idToken.token());
    } catch (ConciergeLoginException e) {
      throw new CommandException(
          "could not complete Concierge credential exchange: " + e.getMessage(), e);
    }
    debug.log("Successfully exchanged token for cluster credential.");
    return credential;
  }

  private OidcLogin newLogin(LoginOptions options, DebugLog debug) throws CommandException {
    SessionCache sessions =
        new SessionCache(
            sessionCachePath(),
            deps.clock(),
            warning -> {
              deps.stderr().println("Warning: " + warning);
              if (debugSessionCache) {
                debug.log("error during session cache operation", "error", warning);
              }
            });
    return new OidcLogin(
        options,
        sessions,
        deps.httpClients(),
        name -> deps.env().get(name),
        deps.clock(),
        new SecureRandom(),
        Browser.system(),
        new TerminalPrompts(deps.stdin(), deps.stderr(), options.interactive()),
        deps.stderr(),
        debug);
  }

  private Path sessionCachePath() throws CommandException {
    try {
      return sessionCache == null
          ? ConfigDir.resolve(deps).resolve("sessions.yaml")
          : Path.of(sessionCache);
    } catch (InvalidPathException e) {
      throw new CommandException("invalid --session-cache path: " + e.getMessage(), e);
    }
  }

  private LoginOptions loginOptions(ExecInfo execInfo) throws CommandException {
    URI issuerUri;
    try {
      issuerUri = new URI(issuer);
    } catch (URISyntaxException e) {
      throw new CommandException(
          "could not complete Pinniped login: issuer is not a valid URL: " + e.getMessage(), e);
    }
    if (listenPort < 0 || listenPort > 65535) {
      throw new CommandException(
          "invalid --listen-port %d: must be 0 to 65535".formatted(listenPort));
    }
    LoginFlow flow = null;
    String flowName = upstreamFlow;
    String flowSource = "--upstream-identity-provider-flow";
    Optional<String> override = deps.env().get(FLOW_ENV);
    if (override.isPresent()) {
      flowName = override.get();
      flowSource = FLOW_ENV;
    }
    if (!flowName.isEmpty()) {
      try {
        flow = LoginFlow.parse(flowName, flowSource);
      } catch (LoginException e) {
        throw new CommandException("could not complete Pinniped login: " + e.getMessage(), e);
      }
    }
    return new LoginOptions(
        issuerUri,
        clientId,
        scopes,
        listenPort,
        skipBrowser,
        skipListen,
        deps.env().get(SKIP_PRINT_LOGIN_URL_ENV).filter("true"::equals).isPresent(),
        requestAudience.isEmpty() ? null : requestAudience,
        upstreamName.isEmpty() ? null : upstreamName,
        upstreamType,
        flow,
        trustRoots(),
        execInfo.interactive());
  }

  private List<X509Certificate> trustRoots() throws CommandException {
    List<X509Certificate> roots = new ArrayList<>();
    for (String path : caBundlePaths) {
      try {
        roots.addAll(Pem.certificates(Files.readAllBytes(Path.of(path))));
      } catch (IOException | InvalidPathException | CertificateException e) {
        throw new CommandException("could not read --ca-bundle: " + e.getMessage(), e);
      }
    }
    for (String data : caBundleData) {
      try {
        roots.addAll(
            Pem.certificates(Base64.getDecoder().decode(data.replace("\n", "").replace("\r", ""))));
      } catch (IllegalArgumentException | CertificateException e) {
        throw new CommandException("could not read --ca-bundle-data: " + e.getMessage(), e);
      }
    }
    return roots;
  }
}
