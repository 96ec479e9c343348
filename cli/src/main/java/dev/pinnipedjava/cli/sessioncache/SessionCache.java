package dev.pinnipedjava.cli.sessioncache;

import dev.pinnipedjava.cli.cachefile.CacheFileException;
import dev.pinnipedjava.cli.cachefile.CacheFileLock;
import dev.pinnipedjava.cli.cachefile.LockDirectory;
import dev.pinnipedjava.cli.cachefile.LockedCacheFile;
import dev.pinnipedjava.cli.cachefile.LockedCacheFile.Change;
import dev.pinnipedjava.cli.sessioncache.SessionCacheDocument.Entry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * OIDC sessions kept between logins (sessions.yaml), so that a valid ID token or a refresh token
 * spares the user a browser trip. Every problem with the file is reported as a warning and the
 * login carries on without the cache.
 */
public final class SessionCache {

  private final Path path;
  private final LockedCacheFile<SessionCacheDocument> file;
  private final Clock clock;
  private final Consumer<String> warnings;

  public SessionCache(Path path, Clock clock, Consumer<String> warnings) {
    this(path, clock, LockedCacheFile.DEFAULT_LOCK_TIMEOUT, warnings);
  }

  public SessionCache(Path path, Clock clock, Duration lockTimeout, Consumer<String> warnings) {
    this.path = path;
    this.file = new LockedCacheFile<>(path, new SessionCacheFormat(), clock, lockTimeout, warnings);
    this.clock = clock;
    this.warnings = warnings;
  }

  /** The live tokens of the session, marking it as used now. */
  public Optional<OidcTokens> get(SessionCacheKey key) {
    if (!file.exists()) {
      return Optional.empty();
    }
    try {
      return file.update(
          document -> {
            List<Entry> entries = new ArrayList<>(document.sessions());
            for (int i = 0; i < entries.size(); i++) {
              Entry entry = entries.get(i);
              if (entry.key().equals(key)) {
                entries.set(
                    i,
                    new Entry(
                        entry.key(), entry.creationTimestamp(), clock.instant(), entry.tokens()));
                return new Change<>(SessionCacheDocument.of(entries), Optional.of(entry.tokens()));
              }
            }
            return new Change<>(document, Optional.<OidcTokens>empty());
          });
    } catch (CacheFileException e) {
      warnings.accept(e.getMessage());
      return Optional.empty();
    }
  }

  /** Stores (or replaces) the tokens of the session. */
  public void put(SessionCacheKey key, OidcTokens tokens) {
    try {
      file.createDirectory();
      file.update(
          document -> {
            List<Entry> entries = new ArrayList<>(document.sessions());
            Instant now = clock.instant();
            for (int i = 0; i < entries.size(); i++) {
              Entry entry = entries.get(i);
              if (entry.key().equals(key)) {
                entries.set(i, new Entry(key, entry.creationTimestamp(), now, tokens));
                return new Change<>(SessionCacheDocument.of(entries), true);
              }
            }
            entries.add(new Entry(key, now, now, tokens));
            return new Change<>(SessionCacheDocument.of(entries), true);
          });
    } catch (CacheFileException e) {
      warnings.accept(e.getMessage());
    }
  }

  /**
   * The right to log in or refresh for {@code key}, across processes ({@code
   * <sessions.yaml>.login/<key>.lock}, removed once unused): of many runs that find the session
   * missing or expired at once, one logs in and the others find its tokens here.
   */
  public CacheFileLock lockForLogin(SessionCacheKey key, Duration timeout)
      throws CacheFileException {
    Path directory = path.resolveSibling(path.getFileName() + ".login");
    return LockDirectory.at(directory).acquire(key.hex(), timeout);
  }
}
