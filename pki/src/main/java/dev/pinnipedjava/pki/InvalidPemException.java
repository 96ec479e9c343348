package dev.pinnipedjava.pki;

/**
 * PEM text that cannot be turned into the wanted value. The message describes the problem but never
 * repeats the input, which may hold a private key.
 */
public final class InvalidPemException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidPemException(String message) {
    super(message);
  }

  public InvalidPemException(String message, Throwable cause) {
    super(message, cause);
  }
}
