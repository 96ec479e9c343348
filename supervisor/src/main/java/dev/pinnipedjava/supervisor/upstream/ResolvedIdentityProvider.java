package dev.pinnipedjava.supervisor.upstream;

import dev.pinnipedjava.supervisor.transform.IdentityTransforms;

/**
 * An upstream identity provider as one FederationDomain offers it.
 *
 * @param displayName its name in the FederationDomain
 * @param transforms what the FederationDomain makes of the identities it asserts
 */
public record ResolvedIdentityProvider(
    String displayName, UpstreamIdentityProvider provider, IdentityTransforms transforms) {
  /** A provider whose identities pass unchanged. */
  public ResolvedIdentityProvider(String displayName, UpstreamIdentityProvider provider) {
    this(displayName, provider, IdentityTransforms.none());
  }

  /** Its type as identity provider discovery and {@code pinniped_idp_type} name it. */
  public String type() {
    return provider.ref().kind().discoveryType().wireName();
  }
}
