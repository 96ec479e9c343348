package dev.pinnipedjava.serverimage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs short host commands (tar, unshare) to completion. */
final class Commands {
  private Commands() {}

  /** What a finished command printed on stdout and stderr, and its exit code. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** Runs {@code command} with {@code environment} only, stdin closed, within a minute. */
  static Result run(List<String> command, Map<String, String> environment) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process process = builder.start();
      // Output here is small (a JSON line, tar's complaints); read stderr after stdout.
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within 60 s");
      }
      return new Result(process.exitValue(), stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** Runs {@code command} with this JVM's PATH and fails unless it exits 0. */
  static String succeed(List<String> command) {
    Result result =
        run(command, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          command + " exited with " + result.exitCode() + ": " + result.stderr().strip());
    }
    return result.stdout();
  }
}
