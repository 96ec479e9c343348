package dev.pinnipedjava.testkit.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A long-running process whose output goes to a log file. It is either a child of this JVM, or
 * detached into its own session so that it outlives the JVM and is found again through a pid file.
 */
public final class ManagedProcess {
  private static final File DEV_NULL = new File("/dev/null");

  private final String name;
  private final ProcessHandle handle;
  private final Path logFile;

  private ManagedProcess(String name, ProcessHandle handle, Path logFile) {
    this.name = name;
    this.handle = handle;
    this.logFile = logFile;
  }

  /**
   * Starts {@code command} with stdin closed and stdout and stderr written to {@code logFile}
   * (replacing what an earlier run left there, so the log tells only of this run). A detached
   * process runs in a new session ({@code setsid}), so terminal signals and the end of this JVM do
   * not reach it.
   */
  public static ManagedProcess start(
      String name, List<String> command, Path logFile, Detachment detachment) {
    List<String> argv = new ArrayList<>();
    if (detachment == Detachment.DETACHED) {
      // setsid execs in place (this child is no process-group leader), so the pid stays the same.
      argv.add("setsid");
    }
    argv.addAll(command);
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(argv)
              .redirectInput(Redirect.from(DEV_NULL))
              .redirectOutput(Redirect.to(logFile.toFile()))
              .redirectErrorStream(true)
              .start();
      return new ManagedProcess(name, process.toHandle(), logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
    }
  }

  /**
   * The process named in {@code pidFile} if it is still alive and still runs an executable called
   * {@code executableName} (a pid may have been reused by an unrelated process since the file was
   * written).
   */
  public static Optional<ManagedProcess> fromPidFile(
      String name, Path pidFile, String executableName, Path logFile) {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(handle -> runs(handle, executableName))
        .map(handle -> new ManagedProcess(name, handle, logFile));
  }

  private static boolean runs(ProcessHandle handle, String executableName) {
    return handle
        .info()
        .command()
        .map(command -> Path.of(command).getFileName().toString().equals(executableName))
        .orElse(false);
  }

  /** Records the pid so that another JVM can find and stop the process. */
  public void writePidFile(Path pidFile) {
    try {
      Files.createDirectories(pidFile.toAbsolutePath().getParent());
      Files.writeString(pidFile, handle.pid() + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + pidFile, e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return handle.pid();
  }

  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return handle.isAlive();
  }

  /**
   * Sends SIGTERM, waits up to {@code grace} for the exit, then SIGKILL and waits again. Returns
   * once the process is gone.
   */
  public void stop(Duration grace) {
    if (!handle.isAlive()) {
      return;
    }
    handle.destroy();
    if (awaitExit(grace)) {
      return;
    }
    handle.destroyForcibly();
    if (!awaitExit(grace)) {
      throw new IllegalStateException(
          name + " (pid " + handle.pid() + ") did not exit after SIGKILL within " + grace);
    }
  }

  private boolean awaitExit(Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot wait for " + name + " to exit", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + name, e);
    }
  }

  @Override
  public String toString() {
    return name + "(pid " + handle.pid() + ", log " + logFile + ")";
  }
}
