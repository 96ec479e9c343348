package dev.pinnipedjava.testkit.loopback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/** Reading what a process wrote to its log, for error messages. */
public final class LogFile {
  private LogFile() {}

  /** Whether any line contains {@code text}; an unreadable log mentions nothing. */
  public static boolean mentions(Path logFile, String text) {
    try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
      return lines.anyMatch(line -> line.contains(text));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** The last {@code count} lines joined by " / ", or a note that the log cannot be read. */
  public static String tail(Path logFile, int count) {
    Deque<String> last = new ArrayDeque<>();
    try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
      lines
          .filter(line -> !line.isBlank())
          .forEach(
              line -> {
                last.addLast(line.strip());
                if (last.size() > count) {
                  last.removeFirst();
                }
              });
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + logFile + ")";
    }
    return last.isEmpty() ? "(empty log)" : String.join(" / ", last);
  }
}
