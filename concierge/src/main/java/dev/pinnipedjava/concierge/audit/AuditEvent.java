package dev.pinnipedjava.concierge.audit;

/** The Concierge's audit events, with Pinniped's message texts. */
public enum AuditEvent {
  TOKEN_CREDENTIAL_REQUEST_TOKEN_RECEIVED("TokenCredentialRequest Token Received"),
  TOKEN_CREDENTIAL_REQUEST_AUTHENTICATED_USER("TokenCredentialRequest Authenticated User"),
  TOKEN_CREDENTIAL_REQUEST_AUTHENTICATION_FAILED("TokenCredentialRequest Authentication Failed"),
  TOKEN_CREDENTIAL_REQUEST_UNEXPECTED_ERROR("TokenCredentialRequest Unexpected Error"),
  TOKEN_CREDENTIAL_REQUEST_UNSUPPORTED_USER_INFO("TokenCredentialRequest Unsupported UserInfo");

  private final String message;

  AuditEvent(String message) {
    this.message = message;
  }

  /** The event's {@code message} field. */
  public String message() {
    return message;
  }
}
