package dev.pinnipedjava.supervisor.upstream;

/**
 * An upstream identity provider as one FederationDomain offers it.
 *
 * @param displayName its name in the FederationDomain
 */
public record ResolvedIdentityProvider(String displayName, UpstreamIdentityProvider provider) {
  /** Its type as identity provider discovery and {@code pinniped_idp_type} name it. */
  public String type() {
    return provider.ref().kind().discoveryType().wireName();
  }
}
