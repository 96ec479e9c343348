package dev.pinnipedjava.cli.login;

import java.io.IOException;

/** Asks the user for input on the terminal; prompts go to stderr, never stdout. */
public interface Prompts {

  /**
   * Prints the label and reads one line.
   *
   * @throws IOException when there is nobody to answer or reading fails
   */
  String readLine(String label) throws IOException;

  /** Prints the label and reads one line without echoing it. */
  String readSecret(String label) throws IOException;
}
