package dev.pinnipedjava.supervisor.secretstore;

/**
 * A write lost a race: the document was created by someone else, or changed since the resource
 * version the update was based on. Read it again and decide.
 */
public final class SecretStoreConflictException extends SecretStoreException {
  private static final long serialVersionUID = 1L;

  public SecretStoreConflictException(String message) {
    super(message);
  }

  public SecretStoreConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
