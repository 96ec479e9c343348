package dev.pinnipedjava.cli.login;

/** An OIDC login did not produce tokens; the message says why and is safe to show. */
public final class LoginException extends Exception {
  private static final long serialVersionUID = 1L;

  public LoginException(String message) {
    super(message);
  }

  public LoginException(String message, Throwable cause) {
    super(message, cause);
  }
}
