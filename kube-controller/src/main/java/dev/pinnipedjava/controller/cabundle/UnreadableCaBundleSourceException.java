package dev.pinnipedjava.controller.cabundle;

/** Why a CA bundle source cannot be read; the message is Pinniped's, fit for a status condition. */
public final class UnreadableCaBundleSourceException extends Exception {
  private static final long serialVersionUID = 1L;

  UnreadableCaBundleSourceException(String message) {
    super(message);
  }
}
