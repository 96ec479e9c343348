package dev.pinnipedjava.api.supervisor.oidc;

/** Pinniped's additions to the OAuth authorization request of the Supervisor. */
public final class AuthorizeExtensions {
  /**
   * Header carrying the username in the password flow (LDAP, Active Directory, or an OIDC provider
   * with the password grant); only the {@value ClientIds#PINNIPED_CLI} client may send it.
   */
  public static final String USERNAME_HEADER = "Pinniped-Username";

  /** Header carrying the password in the password flow; never logged. */
  public static final String PASSWORD_HEADER = "Pinniped-Password";

  /** Query parameter that selects the upstream identity provider by its display name. */
  public static final String IDP_NAME_PARAM = "pinniped_idp_name";

  /** Query parameter that selects the upstream identity provider by its type. */
  public static final String IDP_TYPE_PARAM = "pinniped_idp_type";

  private AuthorizeExtensions() {}
}
