package dev.pinnipedjava.api.supervisor.oidc;

/** Claim names in the ID tokens the Supervisor issues. */
public final class IdTokenClaims {
  /** The issuer (OpenID Connect Core 1.0 section 2). */
  public static final String ISSUER = "iss";

  /** The subject (OpenID Connect Core 1.0 section 2). */
  public static final String SUBJECT = "sub";

  /**
   * The query parameter, inside the value of the {@value #SUBJECT} claim, that names the upstream
   * identity provider the user logged in with.
   */
  public static final String SUBJECT_IDP_NAME_QUERY_PARAM = "idpName";

  /** The authorized party: the client ID (OpenID Connect Core 1.0 section 2). */
  public static final String AUTHORIZED_PARTY = "azp";

  /** Pinniped: the username, mapped from the upstream identity. */
  public static final String USERNAME = "username";

  /** Pinniped: the group names, mapped from the upstream identity; always an array. */
  public static final String GROUPS = "groups";

  /** Pinniped: a map of extra claims mapped from the upstream identity, when there are any. */
  public static final String ADDITIONAL_CLAIMS = "additionalClaims";

  private IdTokenClaims() {}
}
