package dev.pinnipedjava.concierge.authenticator.jwt.cel;

/**
 * Why a token's claims or its user did not pass: a failed rule, a failed expression or a result of
 * the wrong type. The message is for the audit log, never for the caller.
 */
public final class RuleFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public RuleFailure(String message) {
    super(message, null, false, false);
  }

  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
