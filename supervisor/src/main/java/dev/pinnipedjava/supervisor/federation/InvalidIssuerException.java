package dev.pinnipedjava.supervisor.federation;

/** Why a string is not a usable issuer URL, in Pinniped's words. */
public final class InvalidIssuerException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidIssuerException(String message) {
    super(message);
  }
}
