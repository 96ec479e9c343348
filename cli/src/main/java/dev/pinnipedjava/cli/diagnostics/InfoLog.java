package dev.pinnipedjava.cli.diagnostics;

import java.io.PrintStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Progress lines on stderr for commands that report what they discover ({@code get kubeconfig}), in
 * the same shape as {@link DebugLog}. Callers pass only values that are safe to show.
 */
public final class InfoLog {

  private final PrintStream stderr;
  private final Clock clock;

  public InfoLog(PrintStream stderr, Clock clock) {
    this.stderr = stderr;
    this.clock = clock;
  }

  /**
   * Logs a message with key/value pairs: {@code log("discovered JWTAuthenticator", "name", n)}.
   *
   * @param keysAndValues alternating keys and values; a trailing key without value is ignored
   */
  public void log(String message, @Nullable Object... keysAndValues) {
    StringBuilder line =
        new StringBuilder(DateTimeFormatter.ISO_INSTANT.format(clock.instant()))
            .append("  info  ")
            .append(message);
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      line.append("  ").append(keysAndValues[i]).append('=').append(keysAndValues[i + 1]);
    }
    stderr.println(line);
    stderr.flush();
  }
}
