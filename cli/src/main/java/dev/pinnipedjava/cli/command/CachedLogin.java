package dev.pinnipedjava.cli.command;

import dev.pinnipedjava.cli.cachefile.CacheFileException;
import dev.pinnipedjava.cli.credentialcache.CachedCredential;
import dev.pinnipedjava.cli.credentialcache.CredentialCache;
import dev.pinnipedjava.cli.credentialcache.CredentialCacheKey;
import dev.pinnipedjava.cli.credentialcache.RefreshLock;
import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import dev.pinnipedjava.cli.execcredential.ExecCredentialVersion;
import dev.pinnipedjava.cli.execcredential.ExecCredentialWriter;
import dev.pinnipedjava.cli.fastpath.FastPathRecorder;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What both login commands do around getting a credential: answer from the credential cache when it
 * can; otherwise obtain a credential while holding the key's refresh lock, so that of many kubectl
 * processes missing the same credential at once only one logs in or refreshes and the others find
 * its result in the cache; store it; and record it for the launcher's fast path.
 */
final class CachedLogin {

  /** Obtains a new credential: a login, a refresh, an exchange at the Concierge. */
  @FunctionalInterface
  interface CredentialSource {
    ExecCredentialStatus obtain() throws CommandException;
  }

  /** How long a run waits quietly for another process that is getting the same credential. */
  static final Duration QUIET_WAIT = Duration.ofSeconds(2);

  /** Another process may be waiting for a person to log in in the browser: as long as that. */
  static final Duration LONGEST_WAIT = Duration.ofMinutes(90);

  private final Deps deps;
  private final DebugLog debug;
  private final ExecCredentialVersion version;
  private final FastPathRecorder fastPath;

  CachedLogin(Deps deps, DebugLog debug, ExecCredentialVersion version, FastPathRecorder fastPath) {
    this.deps = deps;
    this.debug = debug;
    this.version = version;
    this.fastPath = fastPath;
  }

  /** The credential to print: from the cache, or from {@code source} (then cached). */
  ExecCredentialStatus credential(
      CredentialCacheKey key, Optional<CredentialCache> cache, CredentialSource source)
      throws CommandException {
    if (cache.isEmpty()) {
      return source.obtain();
    }
    CredentialCache credentials = cache.get();
    Optional<CachedCredential> cached = credentials.get(key);
    if (cached.isPresent()) {
      debug.log("using cached cluster credential.");
      return served(credentials, cached.get());
    }
    try (RefreshLock lock = lockForRefresh(credentials, key)) {
      if (lock != null) {
        cached = credentials.get(key);
        if (cached.isPresent()) {
          debug.log("using the cluster credential another process just obtained.");
          return served(credentials, cached.get());
        }
      }
      ExecCredentialStatus credential = source.obtain();
      credentials.put(key, credential).ifPresent(stored -> served(credentials, stored));
      return credential;
    }
  }

  private ExecCredentialStatus served(CredentialCache credentials, CachedCredential cached) {
    fastPath.record(
        cached.key().hex(),
        credentials.path(),
        cached.servableUntil(),
        cached.credential(),
        ExecCredentialWriter.render(version, cached.credential()).stripTrailing());
    return cached.credential();
  }

  /**
   * The key's refresh lock, or null when it cannot be had: then this run obtains its own
   * credential, as it would without the lock.
   */
  private @Nullable RefreshLock lockForRefresh(
      CredentialCache credentials, CredentialCacheKey key) {
    try {
      return credentials.lockForRefresh(key, QUIET_WAIT);
    } catch (CacheFileException e) {
      if (!e.timedOut()) {
        deps.stderr().println("Warning: " + e.getMessage());
        return null;
      }
    }
    deps.stderr()
        .println(
            "Waiting for another pinniped-java process that is getting the same credential...");
    deps.stderr().flush();
    try {
      return credentials.lockForRefresh(key, LONGEST_WAIT);
    } catch (CacheFileException e) {
      deps.stderr().println("Warning: " + e.getMessage());
      return null;
    }
  }
}
