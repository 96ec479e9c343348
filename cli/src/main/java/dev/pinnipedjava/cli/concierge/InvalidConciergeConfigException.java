package dev.pinnipedjava.cli.concierge;

/** A {@code --concierge-*} flag has a value the Concierge client cannot work with. */
public final class InvalidConciergeConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidConciergeConfigException(String message) {
    super(message);
  }
}
