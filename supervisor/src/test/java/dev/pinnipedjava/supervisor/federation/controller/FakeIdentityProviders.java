package dev.pinnipedjava.supervisor.federation.controller;

import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Identity provider resources set by a test, all in namespace {@code supervisor}. */
final class FakeIdentityProviders implements IdentityProviderLookup {
  private final List<FoundIdentityProvider> all = new ArrayList<>();

  FakeIdentityProviders with(IdentityProviderKind kind, String name, IDPFlow... flows) {
    all.add(new FoundIdentityProvider(kind, name, name + "-uid", List.of(flows)));
    return this;
  }

  @Override
  public Optional<FoundIdentityProvider> find(
      IdentityProviderKind kind, String namespace, String name) {
    return all.stream()
        .filter(found -> namespace.equals("supervisor"))
        .filter(found -> found.kind() == kind && found.name().equals(name))
        .findFirst();
  }

  @Override
  public List<FoundIdentityProvider> all(String namespace) {
    return namespace.equals("supervisor") ? List.copyOf(all) : List.of();
  }
}
