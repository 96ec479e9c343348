package dev.pinnipedjava.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code get}: the group of commands that print something for the user to keep. */
@Command(
    name = "get",
    synopsisSubcommandLabel = "(kubeconfig)",
    description = {"Gets one of [kubeconfig].", ""},
    commandListHeading = "%nCommands:%n",
    subcommands = {GetKubeconfigCommand.class})
final class GetCommand implements Callable<Integer> {

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
