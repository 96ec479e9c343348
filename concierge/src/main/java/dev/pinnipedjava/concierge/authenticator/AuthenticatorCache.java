package dev.pinnipedjava.concierge.authenticator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The authenticators ready for use, keyed as TokenCredentialRequests name them. Controllers put and
 * remove entries; request handlers only look them up.
 */
public final class AuthenticatorCache {
  private final ConcurrentMap<AuthenticatorKey, TokenAuthenticator> authenticators =
      new ConcurrentHashMap<>();

  public Optional<TokenAuthenticator> get(AuthenticatorKey key) {
    return Optional.ofNullable(authenticators.get(key));
  }

  /**
   * Every authenticator ready now, ordered by kind and then name, for callers that try them all.
   */
  public List<Map.Entry<AuthenticatorKey, TokenAuthenticator>> all() {
    List<Map.Entry<AuthenticatorKey, TokenAuthenticator>> all =
        new ArrayList<>(authenticators.entrySet());
    all.sort(
        Comparator.comparing(
                (Map.Entry<AuthenticatorKey, TokenAuthenticator> entry) -> entry.getKey().kind())
            .thenComparing(entry -> entry.getKey().name()));
    return all.stream().map(entry -> Map.entry(entry.getKey(), entry.getValue())).toList();
  }

  /** Publishes an authenticator, closing the one it replaces. */
  public void put(AuthenticatorKey key, TokenAuthenticator authenticator) {
    TokenAuthenticator previous = authenticators.put(key, authenticator);
    if (previous != null && previous != authenticator) {
      previous.close();
    }
  }

  /** Withdraws an authenticator, closing it. */
  public void remove(AuthenticatorKey key) {
    TokenAuthenticator previous = authenticators.remove(key);
    if (previous != null) {
      previous.close();
    }
  }
}
