package dev.pinnipedjava.cli.credentialcache;

import dev.pinnipedjava.cli.cachefile.CacheFileException;
import dev.pinnipedjava.cli.cachefile.LockedCacheFile;
import dev.pinnipedjava.cli.cachefile.LockedCacheFile.Change;
import dev.pinnipedjava.cli.credentialcache.CredentialCacheDocument.Entry;
import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Cluster credentials kept between kubectl calls (credentials.yaml), so that a cached, unexpired
 * credential costs no network round trip. Every problem with the file is reported as a warning and
 * the login carries on without the cache.
 */
public final class CredentialCache {

  /**
   * A credential this close to its end is not served but replaced, so that kubectl does not start a
   * command with a credential that expires under it. The launcher's fast path stops the same time
   * earlier.
   */
  public static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

  private final LockedCacheFile<CredentialCacheDocument> file;
  private final Clock clock;
  private final Consumer<String> warnings;

  public CredentialCache(Path path, Clock clock, Consumer<String> warnings) {
    this(path, clock, LockedCacheFile.DEFAULT_LOCK_TIMEOUT, warnings);
  }

  public CredentialCache(Path path, Clock clock, Duration lockTimeout, Consumer<String> warnings) {
    this.file =
        new LockedCacheFile<>(path, new CredentialCacheFormat(), clock, lockTimeout, warnings);
    this.clock = clock;
    this.warnings = warnings;
  }

  /** The file, as an absolute path. */
  public Path path() {
    return file.path().toAbsolutePath();
  }

  /**
   * The credential stored under the key while it is servable (see {@link #SAFETY_MARGIN}), marking
   * it as used now.
   */
  public Optional<CachedCredential> get(CredentialCacheKey key) {
    if (!file.exists()) {
      return Optional.empty();
    }
    try {
      return file.update(
          document -> {
            List<Entry> entries = new ArrayList<>(document.credentials());
            for (int i = 0; i < entries.size(); i++) {
              Entry entry = entries.get(i);
              if (entry.key().equals(key.hex())) {
                entries.set(i, entry.usedAt(clock.instant()));
                return new Change<>(
                    CredentialCacheDocument.of(entries),
                    cached(key, entry).filter(c -> c.servableAt(clock.instant())));
              }
            }
            return new Change<>(document, Optional.<CachedCredential>empty());
          });
    } catch (CacheFileException e) {
      warnings.accept(e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Stores (or replaces) the credential under the key.
   *
   * @return the stored credential, or empty when it could not be stored or would not be served
   */
  public Optional<CachedCredential> put(CredentialCacheKey key, ExecCredentialStatus credential) {
    try {
      file.createDirectory();
      return file.update(
          document -> {
            List<Entry> entries = new ArrayList<>(document.credentials());
            Instant now = clock.instant();
            Entry stored = new Entry(key.hex(), now, now, credential);
            boolean replaced = false;
            for (int i = 0; i < entries.size() && !replaced; i++) {
              Entry entry = entries.get(i);
              if (entry.key().equals(key.hex())) {
                stored = new Entry(entry.key(), entry.creationTimestamp(), now, credential);
                entries.set(i, stored);
                replaced = true;
              }
            }
            if (!replaced) {
              entries.add(stored);
            }
            return new Change<>(
                CredentialCacheDocument.of(entries),
                cached(key, stored).filter(c -> c.servableAt(now)));
          });
    } catch (CacheFileException e) {
      warnings.accept(e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<CachedCredential> cached(CredentialCacheKey key, Entry entry) {
    ExecCredentialStatus credential = entry.credential();
    @Nullable Instant created = entry.creationTimestamp();
    @Nullable Instant expiry = credential == null ? null : credential.expirationTimestamp();
    if (credential == null || created == null || expiry == null) {
      return Optional.empty();
    }
    return Optional.of(new CachedCredential(key, credential, created, expiry));
  }

  /**
   * Takes the refresh lock of one key, so that of many processes missing the same credential at
   * once only one obtains a new one while the others wait and then find it in the cache. The lock
   * is per key: a login waiting for a person in the browser holds up only the runs that would need
   * the same login.
   *
   * @param timeout how long to wait before giving up
   * @throws CacheFileException when the lock is not free in time or cannot be taken at all
   */
  public RefreshLock lockForRefresh(CredentialCacheKey key, Duration timeout)
      throws CacheFileException {
    return RefreshLock.acquire(file.path(), key, timeout);
  }
}
