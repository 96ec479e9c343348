package dev.pinnipedjava.cli.command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Builds the command tree around a set of {@link Deps} and runs one command line. */
public final class PinnipedCli {

  private PinnipedCli() {}

  /** The command tree, wired to the deps' streams. */
  public static CommandLine commandLine(Deps deps) {
    ErrorRenderer errors = new ErrorRenderer(deps);
    CommandLine commandLine = new CommandLine(RootCommand.class, new CommandFactory(deps));
    commandLine
        .setOut(
            new PrintWriter(
                new java.io.OutputStreamWriter(deps.stdout(), StandardCharsets.UTF_8), true))
        .setErr(
            new PrintWriter(
                new java.io.OutputStreamWriter(deps.stderr(), StandardCharsets.UTF_8), true))
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors)
        .setUsageHelpAutoWidth(true)
        // Like pflag: a repeated single-value flag takes its last value.
        .setOverwrittenOptionsAllowed(true)
        // Like cobra: an argument starting with @ is a value, not a file of arguments.
        .setExpandAtFiles(false)
        .setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  /**
   * Runs the command line.
   *
   * @return the process exit code
   */
  public static int run(Deps deps, String... args) {
    int exitCode = commandLine(deps).execute(args);
    deps.stdout().flush();
    deps.stderr().flush();
    return exitCode;
  }
}
