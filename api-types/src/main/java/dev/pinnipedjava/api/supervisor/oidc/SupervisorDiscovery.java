package dev.pinnipedjava.api.supervisor.oidc;

/** Pinniped's extension of a FederationDomain's OpenID Provider discovery document. */
public final class SupervisorDiscovery {
  /** The top-level key of the extension in {@code /.well-known/openid-configuration}. */
  public static final String EXTENSION_KEY = "discovery.supervisor.pinniped.dev/v1alpha1";

  /** The key, inside the extension, of the identity provider discovery endpoint's URL. */
  public static final String IDENTITY_PROVIDERS_ENDPOINT_KEY =
      "pinniped_identity_providers_endpoint";

  private SupervisorDiscovery() {}
}
