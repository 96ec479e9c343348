package dev.pinnipedjava.supervisor.federation;

import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.transform.IdentityTransforms;
import java.util.List;

/**
 * An identity provider as a FederationDomain offers it.
 *
 * @param displayName its name in this FederationDomain (the resource name in legacy mode)
 * @param kind the kind of its resource
 * @param resourceName the name of its resource
 * @param uid the UID of its resource
 * @param flows the login flows it offers, in Pinniped's order
 * @param transforms what this FederationDomain makes of its users' identities, at every login and
 *     refresh
 */
public record OfferedIdentityProvider(
    String displayName,
    IdentityProviderKind kind,
    String resourceName,
    String uid,
    List<IDPFlow> flows,
    IdentityTransforms transforms) {
  public OfferedIdentityProvider {
    flows = List.copyOf(flows);
  }

  /** A provider whose identities pass unchanged. */
  public OfferedIdentityProvider(
      String displayName,
      IdentityProviderKind kind,
      String resourceName,
      String uid,
      List<IDPFlow> flows) {
    this(displayName, kind, resourceName, uid, flows, IdentityTransforms.none());
  }
}
