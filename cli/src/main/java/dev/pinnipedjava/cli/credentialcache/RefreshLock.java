package dev.pinnipedjava.cli.credentialcache;

import dev.pinnipedjava.cli.cachefile.CacheFileException;
import dev.pinnipedjava.cli.cachefile.CacheFileLock;
import dev.pinnipedjava.cli.cachefile.LockDirectory;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The right to obtain a new credential for one cache key, held across processes through {@code
 * <credentials.yaml>.refresh/<key>.lock} (removed once no process uses the directory). Holders
 * check the cache again after taking it.
 */
public final class RefreshLock implements AutoCloseable {

  private final CacheFileLock lock;

  private RefreshLock(CacheFileLock lock) {
    this.lock = lock;
  }

  static RefreshLock acquire(Path cacheFile, CredentialCacheKey key, Duration timeout)
      throws CacheFileException {
    Path directory = cacheFile.resolveSibling(cacheFile.getFileName() + ".refresh");
    return new RefreshLock(LockDirectory.at(directory).acquire(key.hex(), timeout));
  }

  @Override
  public void close() {
    lock.close();
  }
}
