package dev.pinnipedjava.concierge.authenticator;

/**
 * Validates bearer tokens of one authenticator object. Implementations are immutable snapshots of
 * the object's validated spec, safe to call from many threads.
 */
public interface TokenAuthenticator extends AutoCloseable {
  /** Validates the token. May block on the network (for example to refresh signing keys). */
  AuthenticationResult authenticate(String token);

  /** Releases what the authenticator holds once it leaves the cache. */
  @Override
  default void close() {}
}
