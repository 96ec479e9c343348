package dev.pinnipedjava.supervisor.config;

/** The configuration cannot be used; the message says why, without secrets. */
public final class InvalidConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }

  public InvalidConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
