package dev.pinnipedjava.testkit;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Runs the control plane's kubectl with a bounded time, its output captured in scratch files. */
final class Kubectl {
  private final Path executable;
  private final Path cacheDirectory;
  private final Path scratchDirectory;
  private final Duration timeout;

  Kubectl(Path executable, Path cacheDirectory, Path scratchDirectory, Duration timeout) {
    this.executable = executable;
    this.cacheDirectory = cacheDirectory;
    this.scratchDirectory = scratchDirectory;
    this.timeout = timeout;
  }

  /** Runs kubectl against {@code kubeconfig}; stdin is closed unless text is given. */
  KubectlResult run(Path kubeconfig, @Nullable String stdin, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + cacheDirectory);
    command.addAll(args);
    Path stdout = null;
    Path stderr = null;
    try {
      Files.createDirectories(scratchDirectory);
      stdout = Files.createTempFile(scratchDirectory, "kubectl-", ".out");
      stderr = Files.createTempFile(scratchDirectory, "kubectl-", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .redirectInput(stdin == null ? Redirect.from(new File("/dev/null")) : Redirect.PIPE);
      // The explicit --kubeconfig decides; an inherited KUBECONFIG must not add contexts.
      builder.environment().remove("KUBECONFIG");
      Process process = builder.start();
      if (stdin != null) {
        try (OutputStream in = process.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // kubectl exited without reading all of stdin; its exit code and stderr tell why.
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "kubectl "
                + String.join(" ", args)
                + " did not finish within "
                + timeout
                + "; stderr so far:\n"
                + Files.readString(stderr, StandardCharsets.UTF_8));
      }
      return new KubectlResult(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + executable, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running kubectl", e);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  private static void deleteQuietly(@Nullable Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover scratch file in the run directory harms nothing.
    }
  }
}
