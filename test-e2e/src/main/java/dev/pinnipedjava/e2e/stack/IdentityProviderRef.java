package dev.pinnipedjava.e2e.stack;

/**
 * An identity provider a FederationDomain offers.
 *
 * @param displayName the name clients choose it by ({@code pinniped_idp_name})
 * @param kind {@code OIDCIdentityProvider}, {@code LDAPIdentityProvider}, {@code
 *     ActiveDirectoryIdentityProvider} or {@code GitHubIdentityProvider}
 * @param name the object's name in the Supervisor's namespace
 */
public record IdentityProviderRef(String displayName, String kind, String name) {
  /** The stack's OIDCIdentityProvider {@code name}, offered under its own name. */
  static IdentityProviderRef oidc(String name) {
    return new IdentityProviderRef(name, "OIDCIdentityProvider", name);
  }
}
