package dev.pinnipedjava.cli.cachefile;

/** The cache file holds something other than a document this CLI understands. */
public final class InvalidCacheDocumentException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidCacheDocumentException(String message) {
    super(message);
  }

  public InvalidCacheDocumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
