package dev.pinnipedjava.cli.command;

import dev.pinnipedjava.cli.concierge.ApiGroupSuffix;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeMode;
import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.diagnostics.InfoLog;
import dev.pinnipedjava.cli.getkubeconfig.GetKubeconfigException;
import dev.pinnipedjava.cli.getkubeconfig.KubeconfigGenerator;
import dev.pinnipedjava.cli.getkubeconfig.KubeconfigRequest;
import dev.pinnipedjava.cli.kubeconfig.ExecPluginRunner;
import dev.pinnipedjava.cli.supervisordiscovery.UpstreamChoice;
import dev.pinnipedjava.cli.timing.Sleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code get kubeconfig}: writes a kubeconfig whose exec section runs this CLI's login. */
@Command(
    name = "kubeconfig",
    sortOptions = false,
    description = {
      "Generate a Pinniped-based kubeconfig for a cluster.",
      "",
      "Reads the current context of your kubeconfig, discovers the cluster's Concierge (its"
          + " CredentialIssuer and authenticator) and, for an OIDC issuer, the Supervisor's"
          + " identity providers, and prints a kubeconfig whose user runs 'pinniped-java login'."
          + " Every flag left unset is discovered; progress goes to stderr. The kubeconfig holds"
          + " no secret unless --static-token is used.",
      ""
    })
final class GetKubeconfigCommand implements Callable<Integer> {

  private static final String DEFAULT_INSTALL_HINT =
      "The pinniped CLI does not appear to be installed.  See https://get.pinniped.dev/cli for"
          + " more details";

  @Option(
      names = "--static-token",
      paramLabel = "TOKEN",
      description =
          "Instead of doing an OIDC-based login, specify a static token (it is written into the"
              + " kubeconfig; prefer --static-token-env)")
  String staticToken = "";

  @Option(
      names = "--static-token-env",
      paramLabel = "NAME",
      description =
          "Instead of doing an OIDC-based login, read a static token from the environment")
  String staticTokenEnv = "";

  @Option(
      names = "--no-concierge",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      description =
          "Generate a configuration which does not use the Concierge, but sends the credential to"
              + " the cluster directly")
  boolean noConcierge;

  @Option(
      names = "--concierge-credential-issuer",
      paramLabel = "NAME",
      description =
          "Concierge CredentialIssuer object to use for autodiscovery (default: autodiscover)")
  String conciergeCredentialIssuer = "";

  @Option(
      names = "--concierge-authenticator-type",
      paramLabel = "TYPE",
      description = "Concierge authenticator type (e.g., 'webhook', 'jwt') (default: autodiscover)")
  String conciergeAuthenticatorType = "";

  @Option(
      names = "--concierge-authenticator-name",
      paramLabel = "NAME",
      description = "Concierge authenticator name (default: autodiscover)")
  String conciergeAuthenticatorName = "";

  @Option(
      names = "--concierge-api-group-suffix",
      paramLabel = "SUFFIX",
      description = "Concierge API group suffix (default: ${DEFAULT-VALUE})")
  String conciergeApiGroupSuffix = ApiGroupSuffix.DEFAULT.value();

  @Option(
      names = "--concierge-skip-wait",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      description =
          "Skip waiting for any pending Concierge strategies to become ready (default: false)")
  boolean conciergeSkipWait;

  @Option(
      names = "--concierge-ca-bundle",
      paramLabel = "PATH",
      description =
          "Path to TLS certificate authority bundle (PEM format, optional, can be repeated) to use"
              + " when connecting to the Concierge")
  List<String> conciergeCaBundle = new ArrayList<>();

  @Option(
      names = "--concierge-endpoint",
      paramLabel = "URL",
      description = "API base for the Concierge endpoint (default: autodiscover)")
  String conciergeEndpoint = "";

  @Option(
      names = "--concierge-mode",
      paramLabel = "MODE",
      description =
          "Concierge mode of operation: TokenCredentialRequestAPI or ImpersonationProxy (default:"
              + " autodiscover)")
  String conciergeMode = "";

  @Option(
      names = "--concierge-namespace",
      paramLabel = "NAMESPACE",
      hidden = true,
      description = "Deprecated and unused: not needed anymore.")
  @Nullable String conciergeNamespace;

  @Option(
      names = "--oidc-issuer",
      paramLabel = "URL",
      description = "OpenID Connect issuer URL (default: autodiscover)")
  String oidcIssuer = "";

  @Option(
      names = "--oidc-client-id",
      paramLabel = "ID",
      description = "OpenID Connect client ID (default: ${DEFAULT-VALUE})")
  String oidcClientId = "pinniped-cli";

  @Option(
      names = "--oidc-listen-port",
      paramLabel = "PORT",
      description = "TCP port for localhost listener (authorization code flow only)")
  int oidcListenPort;

  @Option(
      names = "--oidc-scopes",
      paramLabel = "SCOPE",
      split = ",",
      description = "OpenID Connect scopes to request during login (default: ${DEFAULT-VALUE})")
  List<String> oidcScopes = new ArrayList<>(LoginOidcCommand.DEFAULT_SCOPES);

  @Option(
      names = "--oidc-skip-browser",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      description = "During OpenID Connect login, skip opening the browser (just print the URL)")
  boolean oidcSkipBrowser;

  @Option(
      names = "--oidc-skip-listen",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      hidden = true,
      description =
          "During OpenID Connect login, skip starting a localhost callback listener (manual"
              + " copy/paste flow only)")
  boolean oidcSkipListen;

  @Option(
      names = "--oidc-session-cache",
      paramLabel = "PATH",
      description = "Path to OpenID Connect session cache file")
  String oidcSessionCache = "";

  @Option(
      names = "--oidc-ca-bundle",
      paramLabel = "PATH",
      description =
          "Path to TLS certificate authority bundle (PEM format, optional, can be repeated)")
  List<String> oidcCaBundle = new ArrayList<>();

  @Option(
      names = "--oidc-debug-session-cache",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      hidden = true,
      description = "Print debug logs related to the OpenID Connect session cache")
  boolean oidcDebugSessionCache;

  @Option(
      names = "--oidc-request-audience",
      paramLabel = "AUDIENCE",
      description = "Request a token with an alternate audience using RFC8693 token exchange")
  String oidcRequestAudience = "";

  @Option(
      names = "--upstream-identity-provider-name",
      paramLabel = "NAME",
      description =
          "The name of the upstream identity provider used during login with a Supervisor")
  String upstreamName = "";

  @Option(
      names = "--upstream-identity-provider-type",
      paramLabel = "TYPE",
      description =
          "The type of the upstream identity provider used during login with a Supervisor (e.g."
              + " 'oidc', 'ldap', 'activedirectory', 'github')")
  String upstreamType = "";

  @Option(
      names = "--upstream-identity-provider-flow",
      paramLabel = "FLOW",
      description =
          "The type of client flow to use with the upstream identity provider during login with a"
              + " Supervisor (e.g. 'cli_password', 'browser_authcode')")
  String upstreamFlow = "";

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description = "Path to kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)")
  @Nullable String kubeconfig;

  @Option(
      names = "--kubeconfig-context",
      paramLabel = "NAME",
      description = "Kubeconfig context name (default: current active context)")
  String kubeconfigContext = "";

  @Option(
      names = "--skip-validation",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      description = "Skip final validation of the kubeconfig (default: false)")
  boolean skipValidation;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = GoDurationConverter.class,
      description = "Timeout for autodiscovery and validation (default: 10m)")
  Duration timeout = Duration.ofMinutes(10);

  @Option(
      names = {"-o", "--output"},
      paramLabel = "PATH",
      description = "Output file path (default: stdout)")
  String output = "";

  @Option(
      names = "--generated-name-suffix",
      paramLabel = "SUFFIX",
      description =
          "Suffix to append to generated cluster, context, user kubeconfig entries (default:"
              + " ${DEFAULT-VALUE})")
  String generatedNameSuffix = "-pinniped";

  @Option(
      names = "--credential-cache",
      paramLabel = "PATH",
      description = "Path to cluster-specific credentials cache (passed on to the login command)")
  @Nullable String credentialCache;

  @Option(
      names = "--pinniped-cli-path",
      paramLabel = "PATH",
      description =
          "Full path or executable name for the CLI the kubeconfig runs (default: the launcher"
              + " running this command)")
  String cliPath = "";

  @Option(
      names = "--install-hint",
      paramLabel = "TEXT",
      description = "This text is shown to the user when the CLI is not installed.")
  String installHint = DEFAULT_INSTALL_HINT;

  @SuppressWarnings("NullAway.Init")
  @Mixin
  HelpOption help;

  private final Deps deps;

  GetKubeconfigCommand(Deps deps) {
    this.deps = deps;
  }

  @Override
  public Integer call() throws CommandException {
    if (conciergeNamespace != null) {
      deps.stderr().println("Flag --concierge-namespace has been deprecated, not needed anymore");
    }
    if (!staticToken.isEmpty()) {
      deps.stderr()
          .println(
              "Warning: --static-token writes the token into the kubeconfig;"
                  + " --static-token-env keeps it out");
    }
    KubeconfigRequest request = request();
    DebugLog debug =
        DebugLog.fromEnv(deps.env().get(DebugLog.ENV_VAR), deps.stderr(), deps.clock());
    KubeconfigGenerator generator =
        new KubeconfigGenerator(
            deps.env()::get,
            homeDirectory(),
            deps.httpClients(),
            new ExecPluginRunner(deps.stderr(), deps.stdinIsTerminal().getAsBoolean()),
            deps.executable(),
            deps.clock(),
            Sleeper.real(),
            new InfoLog(deps.stderr(), deps.clock()),
            debug);
    String yaml;
    try {
      yaml = generator.generate(request);
    } catch (GetKubeconfigException e) {
      throw new CommandException(String.valueOf(e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException("interrupted", e);
    }
    write(yaml);
    return 0;
  }

  private KubeconfigRequest request() throws CommandException {
    ApiGroupSuffix suffix;
    try {
      suffix = ApiGroupSuffix.parse(conciergeApiGroupSuffix);
    } catch (IllegalArgumentException e) {
      throw new CommandException("invalid API group suffix: " + e.getMessage(), e);
    }
    Optional<ConciergeMode> mode;
    try {
      mode = ConciergeMode.parse(conciergeMode);
    } catch (IllegalArgumentException e) {
      throw new CommandException(
          "invalid argument \"%s\" for \"--concierge-mode\" flag: %s"
              .formatted(conciergeMode, e.getMessage()),
          e);
    }
    if (oidcListenPort < 0 || oidcListenPort > 65535) {
      throw new CommandException(
          "invalid --oidc-listen-port %d: must be 0 to 65535".formatted(oidcListenPort));
    }
    Optional<Path> explicitCliPath;
    try {
      explicitCliPath = cliPath.isEmpty() ? Optional.empty() : Optional.of(Path.of(cliPath));
    } catch (InvalidPathException e) {
      throw new CommandException("invalid --pinniped-cli-path: " + e.getMessage(), e);
    }
    return new KubeconfigRequest(
        kubeconfig,
        kubeconfigContext,
        new KubeconfigRequest.StaticToken(staticToken, staticTokenEnv),
        new KubeconfigRequest.Concierge(
            noConcierge,
            conciergeCredentialIssuer,
            conciergeAuthenticatorType,
            conciergeAuthenticatorName,
            suffix,
            conciergeSkipWait,
            readBundles(conciergeCaBundle, "--concierge-ca-bundle"),
            conciergeEndpoint,
            mode),
        new KubeconfigRequest.Oidc(
            oidcIssuer,
            oidcClientId,
            oidcListenPort,
            oidcScopes,
            oidcSkipBrowser,
            oidcSkipListen,
            oidcSessionCache,
            readBundles(oidcCaBundle, "--oidc-ca-bundle"),
            oidcDebugSessionCache,
            oidcRequestAudience,
            new UpstreamChoice(upstreamName, upstreamType, upstreamFlow)),
        skipValidation,
        timeout,
        generatedNameSuffix,
        credentialCache,
        explicitCliPath,
        installHint);
  }

  /** The files' PEM text, joined by newlines as Pinniped's repeatable CA flags join them. */
  private static String readBundles(List<String> paths, String flag) throws CommandException {
    List<String> bundles = new ArrayList<>();
    for (String path : paths) {
      try {
        bundles.add(Files.readString(Path.of(path), StandardCharsets.US_ASCII));
      } catch (IOException | InvalidPathException e) {
        throw new CommandException(
            "invalid argument \"%s\" for \"%s\" flag: %s".formatted(path, flag, e), e);
      }
    }
    return String.join("\n", bundles);
  }

  private void write(String yaml) throws CommandException {
    if (output.isEmpty()) {
      deps.stdout().print(yaml);
      deps.stdout().flush();
      return;
    }
    try {
      Files.writeString(Path.of(output), yaml, StandardCharsets.UTF_8);
    } catch (IOException | InvalidPathException e) {
      throw new CommandException("could not open output file: " + e, e);
    }
  }

  private Path homeDirectory() {
    return deps.env().get("HOME").filter(s -> !s.isEmpty()).map(Path::of).orElse(deps.userHome());
  }
}
