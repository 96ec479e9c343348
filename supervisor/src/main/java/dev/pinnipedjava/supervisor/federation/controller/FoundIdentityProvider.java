package dev.pinnipedjava.supervisor.federation.controller;

import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import java.util.List;

/**
 * An identity provider resource that exists.
 *
 * @param flows the login flows its configuration offers, in Pinniped's order
 */
public record FoundIdentityProvider(
    IdentityProviderKind kind, String name, String uid, List<IDPFlow> flows) {
  public FoundIdentityProvider {
    flows = List.copyOf(flows);
  }
}
