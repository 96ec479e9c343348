package dev.pinnipedjava.testkit.loopback;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command to completion (slapadd, samba-tool, certutil), appending its output to a log
 * file. A failure names the command and ends with the log's last lines. Arguments may hold
 * passwords: they are never put into messages.
 */
public final class SetupCommand {
  private static final int LOG_LINES_IN_MESSAGE = 6;

  private SetupCommand() {}

  public static void run(String what, List<String> command, Path logFile, Duration timeout) {
    run(what, command, Map.of(), logFile, timeout);
  }

  /** As {@link #run(String, List, Path, Duration)}, with extra environment variables. */
  public static void run(
      String what,
      List<String> command,
      Map<String, String> environment,
      Path logFile,
      Duration timeout) {
    Process process;
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectInput(Redirect.from(new File("/dev/null")))
              .redirectOutput(Redirect.appendTo(logFile.toFile()))
              .redirectErrorStream(true);
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new PartException("cannot run " + command.get(0) + " to " + what + ": " + e, e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new PartException(
            command.get(0) + " did not " + what + " within " + timeout + "; see " + logFile);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new PartException("interrupted while running " + command.get(0), e);
    }
    if (process.exitValue() != 0) {
      throw new PartException(
          command.get(0)
              + " failed to "
              + what
              + " (exit "
              + process.exitValue()
              + "): "
              + LogFile.tail(logFile, LOG_LINES_IN_MESSAGE)
              + "; see "
              + logFile);
    }
  }
}
