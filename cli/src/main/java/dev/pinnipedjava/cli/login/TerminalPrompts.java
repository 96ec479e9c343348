package dev.pinnipedjava.cli.login;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Prompts on stderr and reads stdin. Secrets are read with echo switched off through {@code stty}
 * on {@code /dev/tty}, because kubectl keeps stdout as a pipe and {@code System.console()} is then
 * unavailable on Java 17.
 */
public final class TerminalPrompts implements Prompts {

  private final BufferedReader stdin;
  private final PrintStream stderr;
  private final boolean stdinIsTerminal;

  public TerminalPrompts(InputStream stdin, PrintStream stderr, boolean stdinIsTerminal) {
    this.stdin = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    this.stderr = stderr;
    this.stdinIsTerminal = stdinIsTerminal;
  }

  @Override
  public String readLine(String label) throws IOException {
    stderr.print(label);
    stderr.flush();
    String line = stdin.readLine();
    if (line == null) {
      throw new IOException("stdin was closed");
    }
    return line.strip();
  }

  @Override
  public String readSecret(String label) throws IOException {
    if (!stdinIsTerminal) {
      throw new IOException("stdin is not connected to a terminal");
    }
    stderr.print(label);
    stderr.flush();
    boolean echoOff = stty("-echo");
    try {
      String line = stdin.readLine();
      if (line == null) {
        throw new IOException("stdin was closed");
      }
      return line;
    } finally {
      if (echoOff) {
        stty("echo");
      }
      // The user's Enter was not echoed, so end the prompt line ourselves.
      stderr.println();
    }
  }

  private static boolean stty(String setting) {
    try {
      Process process =
          new ProcessBuilder("stty", setting)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
