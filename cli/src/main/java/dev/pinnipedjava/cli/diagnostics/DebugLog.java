package dev.pinnipedjava.cli.diagnostics;

import java.io.PrintStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Debug lines on stderr when {@code PINNIPED_DEBUG=true}; silent otherwise. Callers pass only
 * values that are safe to show: never a token, password or key.
 */
public final class DebugLog {

  /** The environment variable that switches debug output on. */
  public static final String ENV_VAR = "PINNIPED_DEBUG";

  private final boolean enabled;
  private final PrintStream stderr;
  private final Clock clock;

  private DebugLog(boolean enabled, PrintStream stderr, Clock clock) {
    this.enabled = enabled;
    this.stderr = stderr;
    this.clock = clock;
  }

  /** Enabled when the variable's value is exactly {@code true}, as in Pinniped. */
  public static DebugLog fromEnv(Optional<String> pinnipedDebug, PrintStream stderr, Clock clock) {
    return new DebugLog(pinnipedDebug.filter("true"::equals).isPresent(), stderr, clock);
  }

  public static DebugLog disabled(PrintStream stderr) {
    return new DebugLog(false, stderr, Clock.systemUTC());
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * Logs a message with key/value pairs: {@code log("exchanging token", "endpoint", url)}.
   *
   * @param keysAndValues alternating keys and values; a trailing key without value is ignored
   */
  public void log(String message, @Nullable Object... keysAndValues) {
    if (!enabled) {
      return;
    }
    StringBuilder line =
        new StringBuilder(DateTimeFormatter.ISO_INSTANT.format(clock.instant()))
            .append("  debug  ")
            .append(message);
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      line.append("  ").append(keysAndValues[i]).append('=').append(keysAndValues[i + 1]);
    }
    stderr.println(line);
    stderr.flush();
  }
}
