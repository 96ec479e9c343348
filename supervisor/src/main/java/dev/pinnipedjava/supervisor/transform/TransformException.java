package dev.pinnipedjava.supervisor.transform;

/**
 * Transformations could not be applied to an identity: an expression failed at run time, ran out of
 * time, or produced an identity that is not allowed (an empty username). The message names the
 * expression by index and may quote the user's input, so it is for the log, not for the user.
 */
public final class TransformException extends Exception {
  private static final long serialVersionUID = 1L;

  public TransformException(String message) {
    super(message);
  }
}
