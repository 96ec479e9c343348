package dev.pinnipedjava.e2e.login;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as a user of a fresh machine would: a home directory of its own (so that no
 * Pinniped cache of the real user is read), no KUBECONFIG, and the environment a test gives.
 */
final class UserShell {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final Path home;
  private final Map<String, String> environment;

  UserShell(Path home, Map<String, String> environment) {
    this.home = home;
    this.environment = Map.copyOf(environment);
  }

  /** This shell with more environment variables. */
  UserShell with(Map<String, String> more) {
    Map<String, String> all = new HashMap<>(environment);
    all.putAll(more);
    return new UserShell(home, all);
  }

  /** Runs {@code command} with stdin closed and waits for it. */
  Outcome run(List<String> command) {
    return start(command).await();
  }

  /** Starts {@code command}; its output is collected as it comes. */
  Running start(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("KUBECONFIG");
    builder.environment().keySet().removeIf(name -> name.startsWith("PINNIPED_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(environment);
    try {
      return new Running(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
  }

  /** A started command. */
  static final class Running {
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final CompletableFuture<Void> readers;

    Running(Process process) {
      this.process = process;
      this.readers =
          CompletableFuture.allOf(
              CompletableFuture.runAsync(() -> copy(process.getInputStream(), stdout)),
              CompletableFuture.runAsync(() -> copy(process.getErrorStream(), stderr)));
    }

    OutputStream stdin() {
      return process.getOutputStream();
    }

    /** What it printed on stderr so far. */
    String stderrSoFar() {
      synchronized (stderr) {
        return stderr.toString(StandardCharsets.UTF_8);
      }
    }

    /** What it printed on stdout so far. */
    String stdoutSoFar() {
      synchronized (stdout) {
        return stdout.toString(StandardCharsets.UTF_8);
      }
    }

    boolean isAlive() {
      return process.isAlive();
    }

    Outcome await() {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor();
        }
        readers.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
        throw new IllegalStateException("command did not finish: " + e, e);
      }
      synchronized (stderr) {
        return new Outcome(
            process.exitValue(),
            stdout.toString(StandardCharsets.UTF_8),
            stderr.toString(StandardCharsets.UTF_8));
      }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
      byte[] buffer = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (out) {
            out.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        // The process ended.
      }
    }
  }

  static List<String> command(Object... parts) {
    List<String> command = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof List<?> list) {
        list.forEach(item -> command.add(String.valueOf(item)));
      } else {
        command.add(String.valueOf(part));
      }
    }
    return command;
  }
}
