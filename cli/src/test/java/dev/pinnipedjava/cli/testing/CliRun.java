package dev.pinnipedjava.cli.testing;

import dev.pinnipedjava.cli.command.Deps;
import dev.pinnipedjava.cli.command.Environment;
import dev.pinnipedjava.cli.command.PinnipedCli;
import dev.pinnipedjava.cli.http.HttpClientFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Runs the CLI in-process with captured streams, a given environment and clock. */
public final class CliRun {

  private final Map<String, String> env = new HashMap<>();
  private Clock clock = Clock.systemUTC();
  private Path home = Path.of("/nonexistent-home");
  private boolean terminal;
  private @Nullable HttpClientFactory httpClients;
  private InputStream stdin = new ByteArrayInputStream(new byte[0]);
  private @Nullable Path executable;

  public CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public CliRun clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Sets {@code HOME} and {@code XDG_CONFIG_HOME} is left unset unless given. */
  public CliRun home(Path home) {
    this.home = home;
    return env("HOME", home.toString());
  }

  public CliRun terminal(boolean stdinIsTerminal) {
    this.terminal = stdinIsTerminal;
    return this;
  }

  /** Replaces the real HTTP client factory. */
  public CliRun httpClients(HttpClientFactory factory) {
    this.httpClients = factory;
    return this;
  }

  /** The launcher path the CLI believes it was started through. */
  public CliRun executable(Path launcher) {
    this.executable = launcher;
    return this;
  }

  public CliRun stdin(InputStream input) {
    this.stdin = input;
    return this;
  }

  public Result run(String... args) {
    return start(args).await();
  }

  /** Starts the command on another thread, for tests that act while it waits (a browser login). */
  public Running start(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Environment environment = Environment.of(env);
    boolean stdinIsTerminal = terminal;
    Deps deps =
        new Deps(
            environment,
            clock,
            stdin,
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            httpClients == null ? HttpClientFactory.real(environment::get) : httpClients,
            home,
            () -> stdinIsTerminal,
            Optional.ofNullable(executable));
    CompletableFuture<Result> result =
        CompletableFuture.supplyAsync(
            () -> {
              int exitCode = PinnipedCli.run(deps, args);
              return new Result(
                  exitCode,
                  stdout.toString(StandardCharsets.UTF_8),
                  stderr.toString(StandardCharsets.UTF_8));
            },
            runnable -> {
              Thread thread = new Thread(runnable, "cli-run");
              thread.setDaemon(true);
              thread.start();
            });
    return new Running(result, stderr);
  }

  /** A command that is still running. */
  public static final class Running {
    private final CompletableFuture<Result> result;
    private final ByteArrayOutputStream stderr;

    Running(CompletableFuture<Result> result, ByteArrayOutputStream stderr) {
      this.result = result;
      this.stderr = stderr;
    }

    /** What the command wrote to stderr so far. */
    public String stderrSoFar() {
      synchronized (stderr) {
        return stderr.toString(StandardCharsets.UTF_8);
      }
    }

    public boolean isDone() {
      return result.isDone();
    }

    /** Waits (at most two minutes) for the command to end. */
    public Result await() {
      try {
        return result.get(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the command did not finish: " + stderrSoFar(), e);
      }
    }
  }

  /** What a run left behind. */
  public record Result(int exitCode, String stdout, String stderr) {}
}
