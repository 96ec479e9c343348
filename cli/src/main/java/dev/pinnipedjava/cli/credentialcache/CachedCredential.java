package dev.pinnipedjava.cli.credentialcache;

import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import java.time.Instant;

/**
 * A credential as the cache holds it.
 *
 * @param key the key it is stored under
 * @param createdAt when its entry was created; the entry goes an hour later whatever the expiry
 * @param expiresAt the credential's own expiry
 */
public record CachedCredential(
    CredentialCacheKey key, ExecCredentialStatus credential, Instant createdAt, Instant expiresAt) {

  /**
   * The end of the time the cache serves it: the safety margin before the credential expires or its
   * entry is pruned, whichever comes first.
   */
  public Instant servableUntil() {
    Instant pruned = createdAt.plus(CredentialCacheFormat.MAX_AGE);
    return (expiresAt.isBefore(pruned) ? expiresAt : pruned).minus(CredentialCache.SAFETY_MARGIN);
  }

  boolean servableAt(Instant now) {
    return now.isBefore(servableUntil());
  }
}
