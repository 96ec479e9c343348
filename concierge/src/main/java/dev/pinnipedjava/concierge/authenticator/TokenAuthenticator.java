package dev.pinnipedjava.concierge.authenticator;

/**
 * Validates bearer tokens of one authenticator object. Implementations are immutable snapshots of
 * the object's validated spec, safe to call from many threads.
 */
public interface TokenAuthenticator extends AutoCloseable {
  /** Validates the token. May block on the network (for example to refresh signing keys). */
  AuthenticationResult authenticate(String token);

  /**
   * Whether this authenticator alone may judge the token, so that it is not shown to any other
   * authenticator: a JWT naming this authenticator's issuer, for example. Only asked by callers
   * that try several authenticators on one token.
   */
  default boolean claims(String token) {
    return false;
  }

  /** Releases what the authenticator holds once it leaves the cache. */
  @Override
  default void close() {}
}
