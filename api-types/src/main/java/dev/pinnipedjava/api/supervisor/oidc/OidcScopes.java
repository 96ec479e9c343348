package dev.pinnipedjava.api.supervisor.oidc;

/** Scope values the Supervisor understands. */
public final class OidcScopes {
  /** Requests an ID token (OpenID Connect Core 1.0 section 3.1.2.1). */
  public static final String OPENID = "openid";

  /** Requests a refresh token (OpenID Connect Core 1.0 section 11). */
  public static final String OFFLINE_ACCESS = "offline_access";

  /** Standard OIDC scope; the Supervisor requests it from upstream providers by default. */
  public static final String EMAIL = "email";

  /** Standard OIDC scope; the Supervisor requests it from upstream providers by default. */
  public static final String PROFILE = "profile";

  /** Pinniped: puts the {@value IdTokenClaims#USERNAME} claim into ID tokens. */
  public static final String USERNAME = "username";

  /** Pinniped: puts the {@value IdTokenClaims#GROUPS} claim into ID tokens. */
  public static final String GROUPS = "groups";

  /** Pinniped: allows an RFC 8693 token exchange for an ID token with another audience. */
  public static final String REQUEST_AUDIENCE = "pinniped:request-audience";

  private OidcScopes() {}
}
