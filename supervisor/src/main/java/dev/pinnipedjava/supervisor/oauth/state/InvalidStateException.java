package dev.pinnipedjava.supervisor.oauth.state;

/** A state parameter or CSRF cookie that cannot be used, and why. */
public final class InvalidStateException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** Not ours, tampered with, or expired. */
    UNREADABLE,
    /** Ours, but of another format version. */
    WRONG_FORMAT_VERSION
  }

  private final Reason reason;

  public InvalidStateException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
