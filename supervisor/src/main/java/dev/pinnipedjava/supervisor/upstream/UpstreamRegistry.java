package dev.pinnipedjava.supervisor.upstream;

import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.federation.OfferedIdentityProvider;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated upstream identity providers: each kind's controller replaces its kind's providers
 * as a whole; endpoints read a consistent snapshot without locking.
 */
public final class UpstreamRegistry {
  private volatile Map<IdentityProviderKind, Map<String, UpstreamIdentityProvider>> providers =
      Map.of();

  /** From now on, the providers of {@code kind} are exactly these. */
  public synchronized void setProviders(
      IdentityProviderKind kind, Collection<? extends UpstreamIdentityProvider> ofKind) {
    Map<String, UpstreamIdentityProvider> byName = new HashMap<>();
    for (UpstreamIdentityProvider provider : ofKind) {
      if (provider.ref().kind() != kind) {
        throw new IllegalArgumentException(provider.ref() + " is not of kind " + kind);
      }
      byName.put(provider.ref().name(), provider);
    }
    Map<IdentityProviderKind, Map<String, UpstreamIdentityProvider>> next =
        new EnumMap<>(IdentityProviderKind.class);
    next.putAll(providers);
    next.put(kind, Map.copyOf(byName));
    providers = Map.copyOf(next);
  }

  /** The provider of this resource, if it is valid and still the same resource (same UID). */
  public Optional<UpstreamIdentityProvider> find(
      IdentityProviderKind kind, String name, String uid) {
    return Optional.ofNullable(providers.getOrDefault(kind, Map.of()).get(name))
        .filter(provider -> provider.ref().uid().equals(uid));
  }

  /**
   * The provider a login was made with, if it is still valid and still the same resource.
   *
   * @param type its type, as identity provider discovery names it
   */
  public Optional<UpstreamIdentityProvider> findForSession(String type, String name, String uid) {
    for (IdentityProviderKind kind : IdentityProviderKind.values()) {
      if (kind.discoveryType().wireName().equals(type)) {
        return find(kind, name, uid);
      }
    }
    return Optional.empty();
  }

  /** The provider a FederationDomain offers under a display name, if it is valid. */
  public Optional<ResolvedIdentityProvider> resolve(OfferedIdentityProvider offered) {
    return find(offered.kind(), offered.resourceName(), offered.uid())
        .map(
            provider ->
                new ResolvedIdentityProvider(
                    offered.displayName(), provider, offered.transforms()));
  }

  /** The valid providers of a FederationDomain, in the order of its spec. */
  public List<ResolvedIdentityProvider> resolveAll(FederationDomainIssuer issuer) {
    List<ResolvedIdentityProvider> resolved = new ArrayList<>();
    for (OfferedIdentityProvider offered : issuer.identityProviders()) {
      resolve(offered).ifPresent(resolved::add);
    }
    return resolved;
  }

  /**
   * The provider a FederationDomain offers under {@code displayName} (in legacy mode, its only one
   * under its resource name), if it is valid.
   */
  public Optional<ResolvedIdentityProvider> resolveByDisplayName(
      FederationDomainIssuer issuer, String displayName) {
    return issuer.identityProviders().stream()
        .filter(offered -> offered.displayName().equals(displayName))
        .findFirst()
        .flatMap(this::resolve);
  }
}
