package dev.pinnipedjava.api.supervisor.oidc;

/** Token type identifiers of the RFC 8693 token exchange. */
public final class TokenTypes {
  /**
   * The {@code subject_token_type} the Supervisor accepts: a downstream access token (section 3).
   */
  public static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

  /** The {@code requested_token_type} and {@code issued_token_type}: a JWT (section 3). */
  public static final String JWT = "urn:ietf:params:oauth:token-type:jwt";

  /**
   * The {@code token_type} of a token exchange response whose token is not an access token (section
   * 2.2.1).
   */
  public static final String NOT_APPLICABLE = "N_A";

  private TokenTypes() {}
}
