package dev.pinnipedjava.concierge.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs a controller's syncs on one thread, one object at a time. Several requests for one key
 * before its sync runs need only one sync; a sync that asks for a retry (or throws) runs again
 * after a delay that doubles up to a limit, and the delay resets once it succeeds.
 */
public final class SyncQueue implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SyncQueue.class);

  /** Brings one object up to date. */
  @FunctionalInterface
  public interface Sync {
    /**
     * @return true when the sync should run again later (a failure that may be transient)
     */
    boolean sync(String key);
  }

  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofMinutes(1);

  private final String name;
  private final Sync sync;
  private final ScheduledExecutorService worker;

  /** The pending sync of each key, so that an earlier request can move a later retry forward. */
  private final Map<String, ScheduledFuture<?>> queued = new HashMap<>();

  private final Map<String, Duration> retryDelays = new ConcurrentHashMap<>();

  /**
   * @param name names the worker thread and log lines
   */
  public SyncQueue(String name, Sync sync) {
    this.name = name;
    this.sync = sync;
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Asks for a sync of {@code key} as soon as the worker is free. */
  public void enqueue(String key) {
    enqueueAfter(key, Duration.ZERO);
  }

  /**
   * Asks for a sync of {@code key} after {@code delay}, unless one is already queued to run no
   * later: a change seen while a retry waits is synced at once, not after the backoff.
   */
  public synchronized void enqueueAfter(String key, Duration delay) {
    if (worker.isShutdown()) {
      return;
    }
    ScheduledFuture<?> pending = queued.get(key);
    if (pending != null) {
      if (pending.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis() || !pending.cancel(false)) {
        return;
      }
    }
    // run() handles every failure itself, so the future is only kept to be moved forward.
    queued.put(key, worker.schedule(() -> run(key), delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  private void run(String key) {
    synchronized (this) {
      queued.remove(key);
    }
    boolean retry;
    try {
      retry = sync.sync(key);
    } catch (RuntimeException e) {
      LOG.errorf(e, "%s: syncing %s failed", name, key);
      retry = true;
    }
    if (retry) {
      Duration delay =
          retryDelays.merge(
              key, FIRST_RETRY, (previous, first) -> min(previous.multipliedBy(2), MAX_RETRY));
      enqueueAfter(key, delay);
    } else {
      retryDelays.remove(key);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
