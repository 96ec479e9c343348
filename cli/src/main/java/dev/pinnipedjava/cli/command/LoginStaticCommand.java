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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code login static}: hands kubectl a fixed token, or the credential the Concierge gives for it.
 */
@Command(
    name = "static",
    sortOptions = false,
    customSynopsis = "pinniped-java login static [--token TOKEN | --token-env NAME] [flags]",
    description = {
      "Login using a static token.",
      "",
      "kubectl runs this command as a client-go credential plugin, configured in the exec"
          + " section of a kubeconfig; people rarely run it directly. It prints an ExecCredential"
          + " (JSON) on stdout.",
      "",
      "Without --enable-concierge the token is handed to the API server as it is. With it, the"
          + " token is traded at the Concierge for a short-lived cluster credential, which is"
          + " cached (see --credential-cache) until it expires.",
      ""
    })
final class LoginStaticCommand implements Callable<Integer> {

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "Static token to present during login.")
  String token = "";

  @Option(
      names = "--token-env",
      paramLabel = "NAME",
      description =
          "Environment variable containing a static token (keeps the token out of the"
              + " kubeconfig).")
  String tokenEnv = "";

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

  LoginStaticCommand(Deps deps) {
    this.deps = deps;
  }

  @Override
  public Integer call() throws CommandException {
    DebugLog debug =
        DebugLog.fromEnv(deps.env().get(DebugLog.ENV_VAR), deps.stderr(), deps.clock());
    concierge.warnAboutDeprecatedFlags(deps.stderr());
    if (token.isEmpty() && tokenEnv.isEmpty()) {
      throw new CommandException("one of --token or --token-env must be set");
    }
    Optional<ConciergeConfig> conciergeConfig = concierge.config();
    String staticToken = resolveToken();
    ExecInfo execInfo =
        ExecInfo.parse(deps.env().get(ExecInfo.ENV_VAR), deps.stdinIsTerminal().getAsBoolean());

    List<String> args = OriginalArgs.of(spec);
    CredentialCacheKey key =
        CredentialCacheKey.forStaticLogin(args, staticToken, execInfo.cluster());
    ExecCredentialStatus credential;
    if (conciergeConfig.isEmpty()) {
      // The token itself costs nothing to get again, so it is never cached.
      credential = ExecCredentialStatus.ofToken(staticToken, null);
    } else {
      CachedLogin cachedLogin =
          new CachedLogin(
              deps,
              debug,
              execInfo.version(),
              concierge.printsWarnings()
                  ? FastPathRecorder.disabled()
                  : FastPathRecorder.forRun(
                      args,
                      deps.env()::get,
                      tokenEnv.isEmpty() ? List.of() : List.of(tokenEnv),
                      deps.clock(),
                      debug::log));
      ConciergeConfig config = conciergeConfig.get();
      credential =
          cachedLogin.credential(
              key, credentialCache.open(deps), () -> exchange(config, staticToken, debug));
    }
    ExecCredentialWriter.write(deps.stdout(), execInfo.version(), credential);
    return 0;
  }

  private ExecCredentialStatus exchange(ConciergeConfig config, String staticToken, DebugLog debug)
      throws CommandException {
    debug.log(
        "exchanging static token for cluster credential",
        "endpoint",
        config.endpoint(),
        "authenticator type",
        config.authenticatorType().kind(),
        "authenticator name",
        config.authenticatorName());
    try {
      ExecCredentialStatus credential =
          new ConciergeClient(config, deps.httpClients(), debug).exchangeToken(staticToken);
      debug.log("exchanged static token for cluster credential");
      return credential;
    } catch (ConciergeLoginException e) {
      throw new CommandException(
          "could not complete Concierge credential exchange: " + e.getMessage(), e);
    }
  }

  /** {@code --token-env} wins over {@code --token}, as in Pinniped. */
  private String resolveToken() throws CommandException {
    if (tokenEnv.isEmpty()) {
      return token;
    }
    Optional<String> value = deps.env().get(tokenEnv);
    if (value.isEmpty()) {
      throw new CommandException("--token-env variable \"%s\" is not set".formatted(tokenEnv));
    }
    if (value.get().isEmpty()) {
      throw new CommandException("--token-env variable \"%s\" is empty".formatted(tokenEnv));
    }
    return value.get();
  }
}
