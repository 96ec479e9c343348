package dev.pinnipedjava.cli.cachefile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A YAML cache document on disk that concurrent processes update one at a time: lock, read (a
 * missing, unreadable, corrupt or unknown-version file counts as empty, with a warning), normalize,
 * apply the change, normalize again, then replace the file atomically (temporary file and rename),
 * so no reader ever sees half a file. Files are created with mode 0600, directories with 0700.
 *
 * <p>Failures never escape as crashes: lock and directory problems are reported as {@link
 * CacheFileException}; write failures are reported to the warning sink and the change is lost.
 *
 * @param <T> the document type
 */
public final class LockedCacheFile<T> {

  /** How long Pinniped waits for the lock. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

  private final Path path;
  private final Path lockPath;
  private final CacheDocumentFormat<T> format;
  private final Clock clock;
  private final Duration lockTimeout;
  private final Consumer<String> warnings;

  public LockedCacheFile(
      Path path,
      CacheDocumentFormat<T> format,
      Clock clock,
      Duration lockTimeout,
      Consumer<String> warnings) {
    this.path = path;
    this.lockPath = path.resolveSibling(path.getFileName() + ".lock");
    this.format = format;
    this.clock = clock;
    this.lockTimeout = lockTimeout;
    this.warnings = warnings;
  }

  public Path path() {
    return path;
  }

  public boolean exists() {
    return Files.exists(path);
  }

  /** Creates the directory of the file (mode 0700) when it does not exist yet. */
  public void createDirectory() throws CacheFileException {
    Path directory = path.toAbsolutePath().getParent();
    if (directory == null || Files.isDirectory(directory)) {
      return;
    }
    try {
      Files.createDirectories(directory, PrivateFiles.ownerOnlyDirectory());
    } catch (IOException e) {
      throw new CacheFileException(
          "could not create cache directory %s: %s".formatted(directory, e), e);
    }
  }

  /**
   * Runs one read-modify-write transaction under the lock.
   *
   * @param change receives the normalized document and returns the new one and a result
   * @return the change's result
   */
  public <R> R update(Function<T, Change<T, R>> change) throws CacheFileException {
    try (CacheFileLock ignored = CacheFileLock.acquire(lockPath, lockTimeout)) {
      T current = format.normalized(read(), clock.instant());
      Change<T, R> outcome = change.apply(current);
      write(format.normalized(outcome.document(), clock.instant()));
      return outcome.result();
    }
  }

  private T read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return format.empty();
    } catch (IOException e) {
      warnings.accept(
          "failed to read cache, resetting: could not read cache file %s: %s".formatted(path, e));
      return format.empty();
    }
    try {
      return format.parse(bytes);
    } catch (InvalidCacheDocumentException e) {
      warnings.accept("failed to read cache, resetting: %s: %s".formatted(path, e.getMessage()));
      return format.empty();
    }
  }

  private void write(T document) {
    Path temporary = null;
    try {
      Path directory = path.toAbsolutePath().getParent();
      temporary =
          Files.createTempFile(
              directory, path.getFileName() + ".", ".tmp", PrivateFiles.ownerOnlyFile());
      Files.write(temporary, format.serialize(document));
      // No fsync, like Pinniped: a cache lost in a crash costs one more login, and fsync would
      // cost every kubectl call a few milliseconds.
      Files.move(
          temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
    } catch (IOException e) {
      warnings.accept("could not write cache %s: %s".formatted(path, e));
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static void deleteQuietly(@Nullable Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A stray temporary file is harmless.
    }
  }

  /**
   * The outcome of a transaction.
   *
   * @param document the document to write back
   * @param result what the caller gets
   */
  public record Change<T, R>(T document, R result) {}
}
