package dev.pinnipedjava.supervisor.keys;

import dev.pinnipedjava.controller.Key;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The keys request handlers use, published by the key controllers: an immutable map per
 * FederationDomain (by its key), replaced whole on every change, so that readers never lock and
 * never see half an update.
 */
public final class KeyCache {
  // Replaced whole, under this object's lock; read without it.
  private volatile Map<Key, FederationDomainKeys> federationDomains = Map.of();
  private volatile @Nullable SymmetricKey csrfCookieKey;

  /** The keys of a FederationDomain loaded so far; empty when none is. */
  public Optional<FederationDomainKeys> forFederationDomain(Key federationDomain) {
    return Optional.ofNullable(federationDomains.get(federationDomain));
  }

  /** Replaces the keys of a FederationDomain with {@code change} of them. */
  public synchronized void update(
      Key federationDomain, UnaryOperator<FederationDomainKeys> change) {
    Map<Key, FederationDomainKeys> next = new HashMap<>(federationDomains);
    FederationDomainKeys changed =
        change.apply(next.getOrDefault(federationDomain, FederationDomainKeys.NONE));
    if (changed.isEmpty()) {
      next.remove(federationDomain);
    } else {
      next.put(federationDomain, changed);
    }
    federationDomains = Map.copyOf(next);
  }

  /** The key of the CSRF cookie's HMAC, once loaded. */
  public Optional<SymmetricKey> csrfCookieKey() {
    return Optional.ofNullable(csrfCookieKey);
  }

  public void setCsrfCookieKey(SymmetricKey key) {
    csrfCookieKey = key;
  }
}
