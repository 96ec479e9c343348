package dev.pinnipedjava.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pinnipedjava.cli.concierge.ApiGroupSuffix;
import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.kubeclient.KubeApiClient;
import dev.pinnipedjava.cli.kubeclient.KubeApiClients;
import dev.pinnipedjava.cli.kubeclient.KubeApiException;
import dev.pinnipedjava.cli.kubeconfig.ConnectionSettings;
import dev.pinnipedjava.cli.kubeconfig.ExecPluginRunner;
import dev.pinnipedjava.cli.kubeconfig.Kubeconfig;
import dev.pinnipedjava.cli.kubeconfig.KubeconfigException;
import dev.pinnipedjava.cli.whoami.WhoAmIClient;
import dev.pinnipedjava.cli.whoami.WhoAmIOutput;
import dev.pinnipedjava.cli.whoami.WhoAmIRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code whoami}: asks the cluster, through the Concierge's WhoAmIRequest API, who you are. */
@Command(
    name = "whoami",
    sortOptions = false,
    description = {
      "Print information about the current user.",
      "",
      "Calls the Concierge's WhoAmIRequest API on the cluster of the current kubeconfig context,"
          + " authenticating exactly as kubectl would (running the context's credential plugin"
          + " when it has one), and prints the username and groups the cluster sees.",
      ""
    })
final class WhoamiCommand implements Callable<Integer> {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: 'text', 'json' or 'yaml' (default: ${DEFAULT-VALUE}).")
  String output = "text";

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description = "Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
  @Nullable String kubeconfig;

  @Option(
      names = "--kubeconfig-context",
      paramLabel = "NAME",
      description = "Kubeconfig context name (default: the current context).")
  String kubeconfigContext = "";

  @Option(
      names = "--api-group-suffix",
      paramLabel = "SUFFIX",
      description = "Concierge API group suffix (default: ${DEFAULT-VALUE}).")
  String apiGroupSuffix = ApiGroupSuffix.DEFAULT.value();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = GoDurationConverter.class,
      description =
          "Timeout for the WhoAmI API request, such as 30s or 1m (default: 0, meaning no"
              + " timeout).")
  Duration timeout = Duration.ZERO;

  @SuppressWarnings("NullAway.Init")
  @Mixin
  HelpOption help;

  private final Deps deps;

  WhoamiCommand(Deps deps) {
    this.deps = deps;
  }

  @Override
  public Integer call() throws CommandException, JsonProcessingException {
    DebugLog debug =
        DebugLog.fromEnv(deps.env().get(DebugLog.ENV_VAR), deps.stderr(), deps.clock());
    WhoAmIOutput format;
    ApiGroupSuffix suffix;
    try {
      format = WhoAmIOutput.parse(output);
    } catch (IllegalArgumentException e) {
      throw new CommandException("could not write output: " + e.getMessage(), e);
    }
    try {
      suffix = ApiGroupSuffix.parse(apiGroupSuffix);
    } catch (IllegalArgumentException e) {
      throw new CommandException(
          "could not configure Kubernetes client: invalid API group suffix: " + e.getMessage(), e);
    }

    Kubeconfig config;
    try {
      config = Kubeconfig.load(kubeconfig, deps.env()::get, homeDirectory());
    } catch (KubeconfigException e) {
      throw new CommandException("could not get current cluster info: " + e.getMessage(), e);
    }
    Map.Entry<String, String> cluster =
        config.clusterOf(kubeconfigContext).orElse(Map.entry("???", "???"));

    KubeApiClient api;
    try {
      ConnectionSettings connection = config.connection(kubeconfigContext);
      api =
          KubeApiClients.forConnection(
              connection,
              deps.httpClients(),
              new ExecPluginRunner(deps.stderr(), deps.stdinIsTerminal().getAsBoolean()),
              debug);
    } catch (KubeconfigException e) {
      throw new CommandException("could not configure Kubernetes client: " + e.getMessage(), e);
    }

    WhoAmIClient client = new WhoAmIClient(api, suffix.group("identity.concierge"));
    WhoAmIRequest answer;
    try {
      // The timeout covers the API call only: a login the plugin asked for may take longer.
      answer = client.whoAmI(timeout.isZero() || timeout.isNegative() ? null : timeout);
    } catch (KubeApiException e) {
      String hint = e.isNotFound() ? " (is the Pinniped WhoAmI API running and healthy?)" : "";
      throw new CommandException(
          "could not complete WhoAmIRequest%s: %s".formatted(hint, e.getMessage()), e);
    }
    deps.stdout()
        .print(format.render(answer, cluster.getKey(), cluster.getValue(), client.apiVersion()));
    deps.stdout().flush();
    return 0;
  }

  private java.nio.file.Path homeDirectory() {
    return deps.env()
        .get("HOME")
        .filter(s -> !s.isEmpty())
        .map(java.nio.file.Path::of)
        .orElse(deps.userHome());
  }
}
