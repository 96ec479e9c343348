package dev.pinnipedjava.cli.command;

import dev.pinnipedjava.cli.concierge.ApiGroupSuffix;
import dev.pinnipedjava.cli.concierge.ConciergeConfig;
import dev.pinnipedjava.cli.concierge.InvalidConciergeConfigException;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --enable-concierge} and {@code --concierge-*} flags of both login commands. */
final class ConciergeOptions {

  @Option(
      names = "--enable-concierge",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      description = "Trade the token for a short-lived cluster credential at the Concierge.")
  boolean enabled;

  @Option(
      names = "--concierge-authenticator-type",
      paramLabel = "TYPE",
      description = "Concierge authenticator type: 'webhook' or 'jwt'.")
  String authenticatorType = "";

  @Option(
      names = "--concierge-authenticator-name",
      paramLabel = "NAME",
      description = "Concierge authenticator name.")
  String authenticatorName = "";

  @Option(
      names = "--concierge-endpoint",
      paramLabel = "URL",
      description = "API base for the Concierge endpoint (https).")
  String endpoint = "";

  @Option(
      names = "--concierge-ca-bundle-data",
      paramLabel = "BASE64",
      description = "CA bundle to use when connecting to the Concierge (base64-encoded PEM).")
  String caBundleData = "";

  @Option(
      names = "--concierge-api-group-suffix",
      paramLabel = "SUFFIX",
      description = "Concierge API group suffix (default: ${DEFAULT-VALUE}).")
  String apiGroupSuffix = ApiGroupSuffix.DEFAULT.value();

  private boolean namespaceGiven;

  @Option(
      names = "--concierge-namespace",
      paramLabel = "NAMESPACE",
      hidden = true,
      description = "Deprecated and unused: not needed anymore.")
  void setNamespace(String namespace) {
    namespaceGiven = true;
  }

  /** Whether {@link #warnAboutDeprecatedFlags} prints anything, which the fast path cannot. */
  boolean printsWarnings() {
    return namespaceGiven;
  }

  /** Prints cobra's deprecation notice when the old flag was used. */
  void warnAboutDeprecatedFlags(PrintStream stderr) {
    if (namespaceGiven) {
      stderr.println("Flag --concierge-namespace has been deprecated, not needed anymore");
    }
  }

  /** The validated configuration when {@code --enable-concierge} is set. */
  Optional<ConciergeConfig> config() throws CommandException {
    if (!enabled) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ConciergeConfig.parse(
              endpoint, caBundleData, authenticatorType, authenticatorName, apiGroupSuffix));
    } catch (InvalidConciergeConfigException e) {
      throw new CommandException("invalid Concierge parameters: " + e.getMessage(), e);
    }
  }
}
