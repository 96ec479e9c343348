package dev.pinnipedjava.testkit.loopback;

/**
 * A real part a test needs is not on this machine. The message names what is missing and how to get
 * it, so that the test fails with it instead of passing without the part.
 */
public final class MissingPartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MissingPartException(String message) {
    super(message);
  }
}
