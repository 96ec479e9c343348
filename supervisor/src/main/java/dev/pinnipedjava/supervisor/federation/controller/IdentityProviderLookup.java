package dev.pinnipedjava.supervisor.federation.controller;

import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import java.util.List;
import java.util.Optional;

/** The identity provider resources the FederationDomain controller can see. */
public interface IdentityProviderLookup {
  Optional<FoundIdentityProvider> find(IdentityProviderKind kind, String namespace, String name);

  /** Every identity provider resource of every kind in {@code namespace}. */
  List<FoundIdentityProvider> all(String namespace);
}
