package dev.pinnipedjava.controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The queue of keys waiting to be synced, with client-go's workqueue guarantees: a key is queued at
 * most once however often it is added; a key being processed is never handed out again until {@link
 * #done}, and a key added meanwhile is queued again then. Delayed adds keep the earliest time asked
 * for.
 */
final class WorkQueue {
  private final ScheduledExecutorService timers;
  private final LongSupplier nanoTime;

  private final Set<Key> queued = new LinkedHashSet<>();
  private final Set<Key> dirty = new HashSet<>();
  private final Set<Key> processing = new HashSet<>();
  private final Map<Key, Delayed> delayed = new HashMap<>();
  private boolean shutDown;

  private record Delayed(long readyAtNanos, ScheduledFuture<?> timer) {}

  WorkQueue(ScheduledExecutorService timers, LongSupplier nanoTime) {
    this.timers = timers;
    this.nanoTime = nanoTime;
  }

  synchronized void add(Key key) {
    if (shutDown || !dirty.add(key)) {
      return;
    }
    if (!processing.contains(key)) {
      queued.add(key);
      notifyAll();
    }
  }

  /** Adds {@code key} after {@code delay}, unless it is already due to be added sooner. */
  synchronized void addAfter(Key key, Duration delay) {
    if (shutDown) {
      return;
    }
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    long readyAt = nanoTime.getAsLong() + delay.toNanos();
    Delayed pending = delayed.get(key);
    if (pending != null) {
      if (pending.readyAtNanos() - readyAt <= 0) {
        return;
      }
      pending.timer().cancel(false);
    }
    ScheduledFuture<?> timer =
        timers.schedule(() -> addDelayed(key, readyAt), delay.toNanos(), TimeUnit.NANOSECONDS);
    delayed.put(key, new Delayed(readyAt, timer));
  }

  private synchronized void addDelayed(Key key, long readyAt) {
    Delayed pending = delayed.get(key);
    if (pending != null && pending.readyAtNanos() == readyAt) {
      delayed.remove(key);
    }
    add(key);
  }

  /** The next key to process, waiting for one; null once the queue is shut down. */
  synchronized @Nullable Key take() throws InterruptedException {
    while (queued.isEmpty() && !shutDown) {
      wait();
    }
    if (shutDown) {
      return null;
    }
    Iterator<Key> first = queued.iterator();
    Key key = first.next();
    first.remove();
    dirty.remove(key);
    processing.add(key);
    return key;
  }

  /** Marks {@code key} processed; queues it again if it was added while being processed. */
  synchronized void done(Key key) {
    processing.remove(key);
    if (dirty.contains(key) && !shutDown) {
      queued.add(key);
      notifyAll();
    }
  }

  synchronized int size() {
    return queued.size();
  }

  synchronized void shutDown() {
    shutDown = true;
    delayed.values().forEach(pending -> pending.timer().cancel(false));
    delayed.clear();
    notifyAll();
  }
}
