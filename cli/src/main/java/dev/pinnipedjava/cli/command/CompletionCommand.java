package dev.pinnipedjava.cli.command;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion bash|zsh}: prints a shell completion script. */
@Command(
    name = "completion",
    description = {
      "Print the shell completion script for bash or zsh.",
      "",
      "bash:  source <(pinniped-java completion bash)",
      "       or save it as /etc/bash_completion.d/pinniped-java",
      "zsh:   source <(pinniped-java completion zsh)",
      "       (the script uses zsh's bash compatibility, bashcompinit)",
      ""
    })
final class CompletionCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "SHELL",
      description = "The shell: ${COMPLETION-CANDIDATES}.",
      completionCandidates = Shells.class)
  String shell = "";

  @SuppressWarnings("NullAway.Init")
  @Mixin
  HelpOption help;

  @SuppressWarnings("NullAway.Init")
  @Spec
  CommandSpec spec;

  private final Deps deps;

  CompletionCommand(Deps deps) {
    this.deps = deps;
  }

  @Override
  public Integer call() throws CommandException {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new CommandException("unsupported shell \"%s\": choose bash or zsh".formatted(shell));
    }
    // The same script serves zsh: picocli's script loads bashcompinit when it runs under zsh.
    String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
    deps.stdout().print(script);
    deps.stdout().flush();
    return 0;
  }

  /** The shells a script can be printed for. */
  static final class Shells extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Shells() {
      super(java.util.List.of("bash", "zsh"));
    }
  }
}
