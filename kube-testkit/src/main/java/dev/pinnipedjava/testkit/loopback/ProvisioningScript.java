package dev.pinnipedjava.testkit.loopback;

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
import java.util.Optional;

/**
 * A {@code hack/} script that provides a part (building it once into a cache) and prints where it
 * is on its last line of stdout. Its progress messages on stderr are forwarded as they come; a
 * failure becomes a {@link MissingPartException} with the script's last messages.
 */
public record ProvisioningScript(String relativePath) {
  private static final int STDERR_LINES_KEPT = 5;

  /** The nearest directory at or above {@code start} that contains this script. */
  public Optional<Path> repositoryRoot(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(relativePath))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** Runs the script in {@code repositoryRoot} and returns its last non-blank stdout line. */
  public String run(Path repositoryRoot, PrintStream progress) {
    Path script = repositoryRoot.resolve(relativePath);
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
        new Thread(() -> pump(process, progress, lastErrors), relativePath + " stderr");
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
        throw new MissingPartException(relativePath + " failed (exit " + exit + "): " + reason);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the output of " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
    if (lastLine.isEmpty()) {
      throw new MissingPartException(relativePath + " printed nothing on stdout");
    }
    return lastLine;
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
      progress.println("cannot read the messages of a script: " + e.getMessage());
    }
  }
}
