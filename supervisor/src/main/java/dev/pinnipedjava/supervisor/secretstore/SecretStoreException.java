package dev.pinnipedjava.supervisor.secretstore;

/** A store operation failed for a reason other than a conflict, usually an API error. */
public class SecretStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecretStoreException(String message) {
    super(message);
  }

  public SecretStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
