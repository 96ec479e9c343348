package dev.pinnipedjava.supervisor.federation;

import dev.pinnipedjava.controller.Key;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A FederationDomain that passed validation: what the endpoints of its issuer serve.
 *
 * @param federationDomain the key of its resource
 * @param url its issuer
 * @param tlsSecretName the TLS Secret for its hostname, if it names one
 * @param identityProviders its identity providers, in the order of its spec
 * @param defaultIdentityProvider in legacy mode (no identity providers listed), the only one
 */
public record FederationDomainIssuer(
    Key federationDomain,
    IssuerUrl url,
    @Nullable String tlsSecretName,
    List<OfferedIdentityProvider> identityProviders,
    @Nullable OfferedIdentityProvider defaultIdentityProvider) {
  public FederationDomainIssuer {
    identityProviders = List.copyOf(identityProviders);
  }

  public String issuer() {
    return url.issuer();
  }
}
