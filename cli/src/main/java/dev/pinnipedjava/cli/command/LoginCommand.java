package dev.pinnipedjava.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code login}: the group of credential plugin commands. */
@Command(
    name = "login",
    synopsisSubcommandLabel = "(oidc | static)",
    description = {
      "Authenticates with one of [oidc, static] and prints a credential for kubectl.",
      "",
      "These commands are client-go credential plugins: a kubeconfig names them in its exec"
          + " section and kubectl runs them when it needs a credential.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    subcommands = {LoginOidcCommand.class, LoginStaticCommand.class})
final class LoginCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init")
  @Mixin
  HelpOption help;

  @SuppressWarnings("NullAway.Init")
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
