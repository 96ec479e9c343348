package dev.pinnipedjava.cli.cachefile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A directory of per-key lock files ({@code <name>.lock}) that removes them once no process uses
 * any, so that one file per cache key is not left behind forever.
 *
 * <p>Every process using a key lock first holds a shared OS lock on {@value #GUARD}. Whoever lets
 * go of the last key lock then tries for an exclusive lock on the guard, without waiting; it gets
 * it only when no process holds or waits for a key lock of the directory, so deleting their files
 * cannot split a lock between an old file and a new one. The guard itself stays.
 *
 * <p>POSIX record locks belong to the whole process, so within this JVM the shared lock is taken
 * once and counted.
 */
public final class LockDirectory {
  static final String GUARD = ".guard";
  private static final String SUFFIX = ".lock";
  private static final Map<Path, Users> USERS = new HashMap<>();

  private final Path directory;

  private LockDirectory(Path directory) {
    this.directory = directory;
  }

  /** The lock directory {@code directory}, created owner-only when missing. */
  public static LockDirectory at(Path directory) throws CacheFileException {
    try {
      Files.createDirectories(directory, PrivateFiles.ownerOnlyDirectory());
    } catch (IOException e) {
      throw new CacheFileException(
          "could not create lock directory %s: %s".formatted(directory, e), e);
    }
    return new LockDirectory(directory.toAbsolutePath().normalize());
  }

  /**
   * Takes the lock named {@code name} (a file name without directory), waiting at most {@code
   * timeout} for another holder.
   */
  public CacheFileLock acquire(String name, Duration timeout) throws CacheFileException {
    if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
      throw new IllegalArgumentException("invalid lock name " + name);
    }
    enter();
    try {
      return CacheFileLock.acquire(directory.resolve(name + SUFFIX), timeout, this::leave);
    } catch (CacheFileException | RuntimeException e) {
      leave();
      throw e;
    }
  }

  /** The lock files present now (for tests and diagnostics). */
  public long lockFileCount() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      long count = 0;
      for (Path ignored : files) {
        count++;
      }
      return count;
    }
  }

  private void enter() throws CacheFileException {
    synchronized (USERS) {
      Users users = USERS.get(directory);
      if (users == null) {
        users = Users.open(directory.resolve(GUARD));
        USERS.put(directory, users);
      }
      users.count++;
    }
  }

  private void leave() {
    synchronized (USERS) {
      Users users = USERS.get(directory);
      if (users == null || --users.count > 0) {
        return;
      }
      USERS.remove(directory);
      users.releaseAndSweep(directory);
    }
  }

  /** This JVM's hold on the guard: the shared lock and how many key locks rely on it. */
  private static final class Users {
    private final FileChannel channel;
    private @Nullable FileLock shared;
    private int count;

    private Users(FileChannel channel, FileLock shared) {
      this.channel = channel;
      this.shared = shared;
    }

    static Users open(Path guard) throws CacheFileException {
      FileChannel channel = null;
      try {
        channel =
            FileChannel.open(
                guard,
                PrivateFiles.openOptions(
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                PrivateFiles.ownerOnlyFile());
        // A sweeper holds the exclusive lock only while deleting files: a short wait.
        return new Users(channel, channel.lock(0, Long.MAX_VALUE, true));
      } catch (IOException | RuntimeException e) {
        closeQuietly(channel);
        throw new CacheFileException("could not lock " + guard + ": " + e, e);
      }
    }

    void releaseAndSweep(Path directory) {
      try {
        if (shared != null) {
          shared.release();
          shared = null;
        }
        FileLock exclusive = channel.tryLock(0, Long.MAX_VALUE, false);
        if (exclusive != null) {
          try {
            deleteLockFiles(directory);
          } finally {
            exclusive.release();
          }
        }
      } catch (IOException | RuntimeException e) {
        // The files stay until a later sweep; nothing depends on their removal.
      } finally {
        closeQuietly(channel);
      }
    }

    private static void deleteLockFiles(Path directory) throws IOException {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
        for (Path file : files) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // The lock goes with the process at the latest.
    }
  }
}
