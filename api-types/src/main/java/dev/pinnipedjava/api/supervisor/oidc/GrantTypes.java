package dev.pinnipedjava.api.supervisor.oidc;

/** The {@code grant_type} values of the Supervisor's token endpoint. */
public final class GrantTypes {
  /** RFC 6749 section 4.1.3. */
  public static final String AUTHORIZATION_CODE = "authorization_code";

  /** RFC 6749 section 6. */
  public static final String REFRESH_TOKEN = "refresh_token";

  /** RFC 8693 section 2.1. */
  public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

  private GrantTypes() {}
}
