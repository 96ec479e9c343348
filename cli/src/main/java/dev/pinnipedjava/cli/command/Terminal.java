package dev.pinnipedjava.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a person can answer on stdin. */
final class Terminal {

  private static final Path STDIN_LINK = Path.of("/proc/self/fd/0");

  private Terminal() {}

  /**
   * True when stdin is a terminal. kubectl keeps stdout as a pipe, so {@code System.console()}
   * (which needs both) cannot tell; on Linux the link behind file descriptor 0 can.
   */
  @SuppressWarnings("SystemConsoleNull") // Compiled for Java 17, where null means no terminal.
  static boolean stdinIsTerminal() {
    if (Files.isSymbolicLink(STDIN_LINK)) {
      try {
        String target = Files.readSymbolicLink(STDIN_LINK).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException e) {
        return false;
      }
    }
    return System.console() != null;
  }
}
