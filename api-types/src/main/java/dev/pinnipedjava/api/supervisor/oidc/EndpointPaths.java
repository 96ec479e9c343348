package dev.pinnipedjava.api.supervisor.oidc;

/** The paths of a FederationDomain's endpoints, relative to its issuer URL. */
public final class EndpointPaths {
  /** OpenID Connect Discovery 1.0 section 4. */
  public static final String DISCOVERY = "/.well-known/openid-configuration";

  public static final String JWKS = "/jwks.json";

  /** Pinniped's identity provider discovery. */
  public static final String IDENTITY_PROVIDERS = "/v1alpha1/pinniped_identity_providers";

  public static final String AUTHORIZE = "/oauth2/authorize";

  public static final String TOKEN = "/oauth2/token";

  /** Where upstream OIDC and GitHub providers redirect back to. */
  public static final String CALLBACK = "/callback";

  /** The page that lets the user choose an identity provider. */
  public static final String CHOOSE_IDENTITY_PROVIDER = "/choose_identity_provider";

  /** The login form of the LDAP and Active Directory browser flow. */
  public static final String LOGIN = "/login";

  private EndpointPaths() {}
}
