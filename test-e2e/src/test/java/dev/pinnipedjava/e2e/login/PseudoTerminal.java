package dev.pinnipedjava.e2e.login;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a command on a pseudo-terminal ({@code script(1)} from util-linux), so that kubectl sees a
 * terminal and lets the plugin prompt; the test types into it. Output of the command (stdout and
 * stderr, as a terminal shows them) is the {@code stdout} of the running {@code script}.
 */
final class PseudoTerminal {
  private static final String SCRIPT = "/usr/bin/script";

  private PseudoTerminal() {}

  static UserShell.Running start(UserShell shell, List<String> command) {
    if (!new java.io.File(SCRIPT).canExecute()) {
      throw new IllegalStateException(
          SCRIPT + " is missing: the pseudo-terminal tests need util-linux's script(1)");
    }
    String commandLine =
        command.stream().map(PseudoTerminal::quote).collect(Collectors.joining(" "));
    return shell.start(
        List.of(SCRIPT, "--quiet", "--flush", "--return", "--command", commandLine, "/dev/null"));
  }

  /** Types {@code line} and Enter. */
  static void type(UserShell.Running running, String line) {
    try {
      running.stdin().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      running.stdin().flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot type into the terminal", e);
    }
  }

  private static String quote(String argument) {
    return "'" + argument.replace("'", "'\\''") + "'";
  }
}
