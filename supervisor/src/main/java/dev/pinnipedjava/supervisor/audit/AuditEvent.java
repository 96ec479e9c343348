package dev.pinnipedjava.supervisor.audit;

/** The Supervisor's audit event types, with Pinniped's messages. */
public enum AuditEvent {
  HTTP_REQUEST_RECEIVED("HTTP Request Received"),
  HTTP_REQUEST_COMPLETED("HTTP Request Completed"),
  HTTP_REQUEST_PARAMETERS("HTTP Request Parameters"),
  HTTP_REQUEST_CUSTOM_HEADERS_USED("HTTP Request Custom Headers Used"),
  HTTP_REQUEST_BASIC_AUTH("HTTP Request Basic Auth"),
  USING_UPSTREAM_IDP("Using Upstream IDP"),
  AUTHORIZE_ID_FROM_PARAMETERS("AuthorizeID From Parameters"),
  IDENTITY_FROM_UPSTREAM_IDP("Identity From Upstream IDP"),
  UPSTREAM_AUTHORIZE_REDIRECT("Upstream Authorize Redirect"),
  IDENTITY_REFRESHED_FROM_UPSTREAM_IDP("Identity Refreshed From Upstream IDP"),
  ID_TOKEN_ISSUED("ID Token Issued"),
  SESSION_STARTED("Session Started"),
  SESSION_REFRESHED("Session Refreshed"),
  SESSION_FOUND("Session Found"),
  AUTHENTICATION_REJECTED_BY_TRANSFORMS("Authentication Rejected By Transforms"),
  INCORRECT_USERNAME_OR_PASSWORD("Incorrect Username Or Password"),
  OIDC_CLIENT_SECRET_REQUEST_UPDATED_SECRETS("OIDCClientSecretRequest Updated Secrets"),
  UPSTREAM_OIDC_TOKEN_REVOKED("Upstream OIDC Token Revoked"),
  SESSION_GARBAGE_COLLECTED("Session Garbage Collected");

  private final String message;

  AuditEvent(String message) {
    this.message = message;
  }

  public String message() {
    return message;
  }
}
