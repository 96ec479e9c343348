package dev.pinnipedjava.cli.credentialcache;

import dev.pinnipedjava.cli.cachefile.CacheFileException;
import dev.pinnipedjava.cli.cachefile.CacheFileLock;
import dev.pinnipedjava.cli.cachefile.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The right to obtain a new credential for one cache key, held across processes through {@code
 * <credentials.yaml>.refresh/<key>.lock}. Holders check the cache again after taking it.
 */
public final class RefreshLock implements AutoCloseable {

  private final CacheFileLock lock;

  private RefreshLock(CacheFileLock lock) {
    this.lock = lock;
  }

  static RefreshLock acquire(Path cacheFile, CredentialCacheKey key, Duration timeout)
      throws CacheFileException {
    Path directory = cacheFile.resolveSibling(cacheFile.getFileName() + ".refresh");
    try {
      Files.createDirectories(directory, PrivateFiles.ownerOnlyDirectory());
    } catch (IOException e) {
      throw new CacheFileException(
          "could not create lock directory %s: %s".formatted(directory, e), e);
    }
    return new RefreshLock(CacheFileLock.acquire(directory.resolve(key.hex() + ".lock"), timeout));
  }

  @Override
  public void close() {
    lock.close();
  }
}
