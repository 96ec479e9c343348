package dev.pinnipedjava.cli.command;

/** A command failed for a reason the user can act on; the message is shown after "Error: ". */
public final class CommandException extends Exception {
  private static final long serialVersionUID = 1L;

  public CommandException(String message) {
    super(message);
  }

  public CommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
