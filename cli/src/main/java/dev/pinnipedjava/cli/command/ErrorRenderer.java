package dev.pinnipedjava.cli.command;

import dev.pinnipedjava.cli.diagnostics.DebugLog;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that shows failures: {@code Error: <message>} on stderr and a non-zero exit code. A
 * stack trace appears only with {@code PINNIPED_DEBUG=true}; failures that are bugs rather than
 * problems the user can fix say so instead of showing their (possibly confusing) message.
 */
final class ErrorRenderer implements IExecutionExceptionHandler, IParameterExceptionHandler {

  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  private final Deps deps;

  ErrorRenderer(Deps deps) {
    this.deps = deps;
  }

  @Override
  public int handleExecutionException(
      Exception failure, CommandLine commandLine, ParseResult parseResult) {
    PrintStream stderr = deps.stderr();
    if (failure instanceof RuntimeException) {
      stderr.println(
          "Error: internal error (%s); run again with %s=true to see the details"
              .formatted(failure.getClass().getName(), DebugLog.ENV_VAR));
    } else {
      stderr.println("Error: " + failure.getMessage());
    }
    printStackTraceWhenDebugging(failure);
    stderr.flush();
    return EXIT_FAILURE;
  }

  @Override
  public int handleParseException(ParameterException failure, String[] args) {
    PrintStream stderr = deps.stderr();
    stderr.println("Error: " + failure.getMessage());
    stderr.println(
        "Run '%s --help' for usage."
            .formatted(failure.getCommandLine().getCommandSpec().qualifiedName()));
    printStackTraceWhenDebugging(failure);
    stderr.flush();
    return EXIT_USAGE;
  }

  private void printStackTraceWhenDebugging(Exception failure) {
    if (deps.env().get(DebugLog.ENV_VAR).filter("true"::equals).isPresent()) {
      failure.printStackTrace(deps.stderr());
    }
  }
}
