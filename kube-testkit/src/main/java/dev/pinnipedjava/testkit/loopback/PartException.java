package dev.pinnipedjava.testkit.loopback;

/** A part did not set up, start, answer or stop; the message says where to look. */
public final class PartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PartException(String message) {
    super(message);
  }

  public PartException(String message, Throwable cause) {
    super(message, cause);
  }
}
