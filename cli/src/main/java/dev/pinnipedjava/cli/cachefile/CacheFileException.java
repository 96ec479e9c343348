package dev.pinnipedjava.cli.cachefile;

/** The cache file could not be locked, or its directory could not be created. */
public final class CacheFileException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean timedOut;

  public CacheFileException(String message, Throwable cause) {
    super(message, cause);
    this.timedOut = false;
  }

  public CacheFileException(String message) {
    this(message, false);
  }

  private CacheFileException(String message, boolean timedOut) {
    super(message);
    this.timedOut = timedOut;
  }

  /** The lock was held by someone else for the whole time allowed. */
  static CacheFileException timeout(String message) {
    return new CacheFileException(message, true);
  }

  public boolean timedOut() {
    return timedOut;
  }
}
