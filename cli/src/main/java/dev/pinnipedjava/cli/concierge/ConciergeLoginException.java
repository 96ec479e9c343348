package dev.pinnipedjava.cli.concierge;

/** The Concierge did not trade the token for a credential; the message says why. */
public final class ConciergeLoginException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConciergeLoginException(String message) {
    super(message);
  }

  public ConciergeLoginException(String message, Throwable cause) {
    super(message, cause);
  }
}
