package dev.pinnipedjava.concierge.config;

/** The config file cannot be used; the message says which key is wrong and why. */
public final class InvalidConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }
}
