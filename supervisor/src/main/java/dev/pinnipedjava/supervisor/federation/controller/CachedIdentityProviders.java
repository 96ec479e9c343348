package dev.pinnipedjava.supervisor.federation.controller;

import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link IdentityProviderLookup} over the caches of the four identity provider kinds. */
public final class CachedIdentityProviders implements IdentityProviderLookup {
  private final Map<IdentityProviderKind, ResourceCache<GenericKubernetesResource>> caches;

  public CachedIdentityProviders(
      Map<IdentityProviderKind, ? extends ResourceCache<GenericKubernetesResource>> caches) {
    this.caches = new EnumMap<>(IdentityProviderKind.class);
    this.caches.putAll(caches);
  }

  @Override
  public Optional<FoundIdentityProvider> find(
      IdentityProviderKind kind, String namespace, String name) {
    ResourceCache<GenericKubernetesResource> cache = caches.get(kind);
    return cache == null
        ? Optional.empty()
        : cache.get(Key.namespaced(namespace, name)).map(object -> found(kind, object));
  }

  @Override
  public List<FoundIdentityProvider> all(String namespace) {
    List<FoundIdentityProvider> all = new ArrayList<>();
    caches.forEach(
        (kind, cache) ->
            cache.list().stream()
                .filter(object -> namespace.equals(object.getMetadata().getNamespace()))
                .forEach(object -> all.add(found(kind, object))));
    return all;
  }

  private static FoundIdentityProvider found(
      IdentityProviderKind kind, GenericKubernetesResource object) {
    return new FoundIdentityProvider(
        kind, object.getMetadata().getName(), object.getMetadata().getUid(), flows(kind, object));
  }

  /** Pinniped's identity provider discovery flows for a provider's configuration. */
  static List<IDPFlow> flows(IdentityProviderKind kind, GenericKubernetesResource object) {
    return switch (kind) {
      case OIDC ->
          Objects.equals(object.get("spec", "authorizationConfig", "allowPasswordGrant"), true)
              ? List.of(IDPFlow.BROWSER_AUTHCODE, IDPFlow.CLI_PASSWORD)
              : List.of(IDPFlow.BROWSER_AUTHCODE);
      case LDAP, ACTIVE_DIRECTORY -> List.of(IDPFlow.CLI_PASSWORD, IDPFlow.BROWSER_AUTHCODE);
      case GITHUB -> List.of(IDPFlow.BROWSER_AUTHCODE);
    };
  }
}
