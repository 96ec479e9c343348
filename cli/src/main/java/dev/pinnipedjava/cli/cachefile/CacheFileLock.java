package dev.pinnipedjava.cli.cachefile;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Exclusive access to a cache file, held through its {@code <file>.lock} companion, across threads
 * and processes, waiting at most a given time (Pinniped waits 10 seconds).
 *
 * <p>The OS lock is a POSIX record lock ({@code fcntl}), which belongs to the whole process: a
 * second channel in the same JVM would get {@link OverlappingFileLockException}, and closing any
 * channel on the file would drop the lock of another. So threads first queue, in order, on a
 * JVM-wide lock per file, and only the winner opens the lock file. It then blocks in the kernel
 * (rather than polling, which lets a busy neighbour starve the waiter) until a timer interrupts it
 * at the deadline.
 *
 * <p>Pinniped's Go CLI uses {@code flock(2)}, which does not see {@code fcntl} locks on Linux; the
 * atomic rename in {@link LockedCacheFile} still keeps every reader from seeing a torn file when
 * both CLIs write at once.
 */
public final class CacheFileLock implements AutoCloseable {

  private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final ReentrantLock jvmLock;
  private final FileChannel channel;
  private final FileLock osLock;
  private final Runnable afterRelease;

  private CacheFileLock(
      ReentrantLock jvmLock, FileChannel channel, FileLock osLock, Runnable afterRelease) {
    this.jvmLock = jvmLock;
    this.channel = channel;
    this.osLock = osLock;
    this.afterRelease = afterRelease;
  }

  /**
   * Takes the lock.
   *
   * @throws CacheFileException when the lock is not free in time or the lock file cannot be opened
   */
  public static CacheFileLock acquire(Path lockFile, Duration timeout) throws CacheFileException {
    return acquire(lockFile, timeout, () -> {});
  }

  /** Takes the lock; {@code afterRelease} runs once {@link #close()} has let it go. */
  static CacheFileLock acquire(Path lockFile, Duration timeout, Runnable afterRelease)
      throws CacheFileException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ReentrantLock jvmLock =
        JVM_LOCKS.computeIfAbsent(
            lockFile.toAbsolutePath().normalize(), path -> new ReentrantLock(true));
    try {
      if (!jvmLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw timedOut(lockFile, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheFileException("interrupted while waiting for " + lockFile, e);
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              lockFile,
              PrivateFiles.openOptions(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              PrivateFiles.ownerOnlyFile());
      FileLock osLock = channel.tryLock();
      if (osLock == null) {
        osLock = lockBefore(channel, deadline);
      }
      if (osLock == null) {
        throw timedOut(lockFile, timeout);
      }
      return new CacheFileLock(jvmLock, channel, osLock, afterRelease);
    } catch (CacheFileException e) {
      closeQuietly(channel);
      jvmLock.unlock();
      throw e;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      jvmLock.unlock();
      throw new CacheFileException("could not lock " + lockFile + ": " + e, e);
    }
  }

  /** Blocks for the OS lock; null when the deadline passed first. */
  private static @Nullable FileLock lockBefore(FileChannel channel, long deadline)
      throws IOException {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      return null;
    }
    Alarm alarm = new Alarm(Thread.currentThread());
    ScheduledFuture<?> scheduled =
        Timer.INSTANCE.schedule(alarm::fire, remaining, TimeUnit.NANOSECONDS);
    try {
      return channel.lock();
    } catch (FileLockInterruptionException | ClosedByInterruptException e) {
      return null;
    } finally {
      alarm.disarm();
      scheduled.cancel(false);
    }
  }

  /**
   * Interrupts the waiting thread at the deadline, unless disarmed first. A handshake rather than
   * {@code Future.cancel}, which succeeds while the task is still running, so that no interrupt can
   * reach the thread after {@link #disarm()} returns.
   */
  private static final class Alarm {
    private static final int ARMED = 0;
    private static final int FIRING = 1;
    private static final int DONE = 2;

    private final Thread waiter;
    private final AtomicInteger state = new AtomicInteger(ARMED);

    Alarm(Thread waiter) {
      this.waiter = waiter;
    }

    void fire() {
      if (state.compareAndSet(ARMED, FIRING)) {
        waiter.interrupt();
        state.set(DONE);
      }
    }

    /** Afterwards the alarm cannot interrupt, and an interrupt it already sent is cleared. */
    void disarm() {
      if (state.compareAndSet(ARMED, DONE)) {
        return;
      }
      while (state.get() != DONE) {
        Thread.onSpinWait();
      }
      // The interrupt was meant for the blocking lock call only.
      Thread.interrupted();
    }
  }

  private static CacheFileException timedOut(Path lockFile, Duration timeout) {
    return CacheFileException.timeout(
        "could not lock %s within %s".formatted(lockFile, describe(timeout)));
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing more can be done; the lock goes with the process at the latest.
    }
  }

  @Override
  public void close() {
    try {
      osLock.release();
    } catch (IOException e) {
      // Closing the channel below releases the lock as well.
    } finally {
      closeQuietly(channel);
      jvmLock.unlock();
      afterRelease.run();
    }
  }

  /**
   * One daemon thread that interrupts lock waits at their deadline; started on first contention.
   */
  private static final class Timer {
    static final ScheduledExecutorService INSTANCE =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "cache-file-lock-timeout");
              thread.setDaemon(true);
              return thread;
            });
  }
}
