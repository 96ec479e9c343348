package dev.pinnipedjava.testkit.controlplane;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The directory holding the etcd, kube-apiserver and kubectl executables. */
public record ControlPlaneBinaries(Path directory) {
  /** Environment variable naming a directory that already holds the three binaries. */
  public static final String DIRECTORY_VARIABLE = "PINNIPED_CONTROL_PLANE_DIR";

  /** The script, relative to the repository root, that provides the binaries. */
  public static final String SCRIPT = "hack/control-plane-binaries.sh";

  private static final List<String> EXECUTABLES = List.of("etcd", "kube-apiserver", "kubectl");
  private static final int STDERR_LINES_KEPT = 5;

  public ControlPlaneBinaries {
    directory = directory.toAbsolutePath().normalize();
    for (String executable : EXECUTABLES) {
      if (!Files.isExecutable(directory.resolve(executable))) {
        throw new ControlPlaneException(
            "control-plane binaries directory " + directory + " has no executable " + executable);
      }
    }
  }

  public Path etcd() {
    return directory.resolve("etcd");
  }

  public Path kubeApiserver() {
    return directory.resolve("kube-apiserver");
  }

  public Path kubectl() {
    return directory.resolve("kubectl");
  }

  /**
   * Uses {@value #DIRECTORY_VARIABLE} when set; otherwise finds the repository root above {@code
   * workingDirectory} and runs {@value #SCRIPT}, forwarding its progress messages to {@code
   * progress} and taking the last line it prints as the directory.
   */
  public static ControlPlaneBinaries locate(
      Function<String, @Nullable String> environment, Path workingDirectory, PrintStream progress) {
    String configured = environment.apply(DIRECTORY_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return new ControlPlaneBinaries(Path.of(configured));
    }
    Path repositoryRoot =
        repositoryRoot(workingDirectory)
            .orElseThrow(
                () ->
                    new ControlPlaneException(
                        "cannot find the control-plane binaries: "
                            + DIRECTORY_VARIABLE
                            + " is not set and no directory above "
                            + workingDirectory.toAbsolutePath()
                            + " contains "
                            + SCRIPT));
    return new ControlPlaneBinaries(runScript(repositoryRoot, progress));
  }

  /** The nearest directory at or above {@code start} that contains {@value #SCRIPT}. */
  static Optional<Path> repositoryRoot(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCRIPT))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static Path runScript(Path repositoryRoot, PrintStream progress) {
    Path script = repositoryRoot.resolve(SCRIPT);
    Process process;
    try {
      process =
          new ProcessBuilder("bash", script.toString())
              .directory(repositoryRoot.toFile())
              .redirectInput(Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script, e);
    }
    Deque<String> lastErrors = new ArrayDeque<>();
    Thread stderrPump =
        new Thread(() -> pump(process, progress, lastErrors), "control-plane-binaries-stderr");
    stderrPump.setDaemon(true);
    stderrPump.start();
    String lastLine = "";
    try (BufferedReader stdout =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
        if (!line.isBlank()) {
          lastLine = line.strip();
        }
      }
      int exit = process.waitFor();
      stderrPump.join();
      if (exit != 0) {
        String reason;
        synchronized (lastErrors) {
          reason = lastErrors.isEmpty() ? "no message" : String.join(" / ", lastErrors);
        }
        throw new ControlPlaneException(SCRIPT + " failed (exit " + exit + "): " + reason);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the output of " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new ControlPlaneException("interrupted while running " + script, e);
    }
    if (lastLine.isEmpty()) {
      throw new ControlPlaneException(SCRIPT + " printed no directory");
    }
    return Path.of(lastLine);
  }

  private static void pump(Process process, PrintStream progress, Deque<String> lastErrors) {
    try (BufferedReader stderr =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
        progress.println(line);
        synchronized (lastErrors) {
          lastErrors.addLast(line);
          if (lastErrors.size() > STDERR_LINES_KEPT) {
            lastErrors.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      progress.println("control-plane: cannot read script messages: " + e.getMessage());
    }
  }
}
