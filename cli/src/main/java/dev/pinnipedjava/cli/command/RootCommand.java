package dev.pinnipedjava.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pinniped-java}: prints the overview when run without a command. */
@Command(
    name = "pinniped-java",
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "pinniped-java is the client-side program for Kubernetes clusters that use Pinniped (or"
          + " pinniped-java) for authentication.",
      "",
      "kubectl runs 'pinniped-java login ...' through the exec section of a kubeconfig to get"
          + " credentials; 'get kubeconfig' writes such a kubeconfig for a cluster; 'whoami' shows"
          + " who the cluster thinks you are.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run 'pinniped-java COMMAND --help' for more information on a command."},
    subcommands = {
      LoginCommand.class,
      GetCommand.class,
      WhoamiCommand.class,
      VersionCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    })
final class RootCommand implements Callable<Integer> {

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
