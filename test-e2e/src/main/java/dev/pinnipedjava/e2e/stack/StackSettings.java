package dev.pinnipedjava.e2e.stack;

import dev.pinnipedjava.testkit.dex.DexUser;
import java.nio.file.Path;
import java.util.List;

/**
 * What to start.
 *
 * @param controlPlane the running control plane
 * @param deployDirectory the repository's {@code deploy/}
 * @param workDirectory where the stack writes its files (signer copies, Dex's run directory)
 * @param users Dex's password database
 * @param providers the OIDCIdentityProviders
 * @param issuers the FederationDomains and their JWTAuthenticators
 */
public record StackSettings(
    ControlPlaneAccess controlPlane,
    Path deployDirectory,
    Path workDirectory,
    List<DexUser> users,
    List<UpstreamProvider> providers,
    List<IssuerSpec> issuers) {
  public StackSettings {
    users = List.copyOf(users);
    providers = List.copyOf(providers);
    issuers = List.copyOf(issuers);
  }
}
