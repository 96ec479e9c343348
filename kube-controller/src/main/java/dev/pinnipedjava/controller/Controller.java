package dev.pinnipedjava.controller;

import dev.pinnipedjava.controller.leaderelection.NotLeaderException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs a {@link Syncer} for the keys that events of its watched caches ask for. One worker thread
 * syncs one key at a time, after every watched cache has synced. A sync that throws is retried with
 * {@link RetryBackoff}; every key the caches hold (and the initial key) is synced again each resync
 * period, so a controller converges even after a missed event or a failed write.
 *
 * <p>Build with {@link #builder}, then {@link #start()}; {@link #close()} stops the worker but
 * leaves the caches, which may be shared, to their owner.
 */
public final class Controller implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Controller.class);

  /** Pinniped's informer resync period. */
  public static final Duration DEFAULT_RESYNC_PERIOD = Duration.ofMinutes(3);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final Syncer syncer;
  private final List<Watch<?>> watches;
  private final Set<Key> initialKeys;
  private final Duration resyncPeriod;
  private final RetryBackoff retryBackoff;
  private final ScheduledExecutorService timers;
  private final WorkQueue queue;
  private final Thread worker;
  private final Map<Key, Integer> failures = new HashMap<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private boolean started;
  private boolean closed;

  /** A watched cache and the keys its events map to. */
  private record Watch<T extends HasMetadata>(ResourceCache<T> cache, EventFilter<T> filter) {
    Subscription subscribe(WorkQueue queue) {
      return cache.addListener(event -> filter.keys(event).forEach(queue::add));
    }

    void resync(WorkQueue queue) {
      for (T object : cache.list()) {
        filter.keys(ResourceEvent.updated(object, object)).forEach(queue::add);
      }
    }
  }

  private Controller(Builder builder) {
    this.name = builder.name;
    this.syncer = builder.syncer;
    this.watches = List.copyOf(builder.watches);
    this.initialKeys = Set.copyOf(builder.initialKeys);
    this.resyncPeriod = builder.resyncPeriod;
    this.retryBackoff = builder.retryBackoff;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "controller-" + name + "-timers"));
    this.queue = new WorkQueue(timers, System::nanoTime);
    this.worker = daemon(this::work, "controller-" + name);
  }

  public static Builder builder(String name, Syncer syncer) {
    return new Builder(name, syncer);
  }

  public String name() {
    return name;
  }

  /** Subscribes to the caches and starts the worker; syncs begin once every cache has synced. */
  @SuppressWarnings("FutureReturnValueIgnored") // the periodic resync handles its own failures
  public synchronized Controller start() {
    if (started || closed) {
      throw new IllegalStateException("controller " + name + " was already started");
    }
    started = true;
    for (Watch<?> watch : watches) {
      subscriptions.add(watch.subscribe(queue));
    }
    initialKeys.forEach(queue::add);
    worker.start();
    long period = resyncPeriod.toNanos();
    timers.scheduleAtFixedRate(this::resync, period, period, TimeUnit.NANOSECONDS);
    return this;
  }

  /** Whether every watched cache has synced. */
  public boolean hasSynced() {
    return watches.stream().allMatch(watch -> watch.cache().hasSynced());
  }

  /** Whether the worker thread runs: from {@link #start()} until {@link #close()} returned. */
  public boolean isRunning() {
    return worker.isAlive();
  }

  /** Queues {@code key} for a sync, as an event would. */
  public void enqueue(Key key) {
    queue.add(key);
  }

  /**
   * Queues every key the watched caches hold and the initial keys at once, as the periodic resync
   * does: for when the controller's writes may succeed again, e.g. on becoming the leader.
   */
  public void resyncNow() {
    resync();
  }

  private void resync() {
    try {
      for (Watch<?> watch : watches) {
        watch.resync(queue);
      }
      initialKeys.forEach(queue::add);
    } catch (RuntimeException e) {
      LOG.warnf(e, "controller %s: periodic resync failed", name);
    }
  }

  private void work() {
    if (!awaitCaches()) {
      return;
    }
    LOG.debugf("controller %s: caches synced, processing", name);
    while (true) {
      Key key;
      try {
        key = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (key == null) {
        return;
      }
      try {
        process(key);
      } finally {
        queue.done(key);
      }
    }
  }

  private boolean awaitCaches() {
    CompletableFuture<?>[] synced =
        watches.stream()
            .map(watch -> watch.cache().synced().toCompletableFuture())
            .toArray(CompletableFuture<?>[]::new);
    try {
      CompletableFuture.allOf(synced).get();
      return true;
    } catch (InterruptedException e) {
      return false;
    } catch (ExecutionException | CancellationException e) {
      LOG.warnf("controller %s: a cache will never sync, not processing: %s", name, e);
      return false;
    }
  }

  // The sync is the controller's business; whatever it throws is one failed attempt.
  private void process(Key key) {
    SyncContext context = new SyncContext(name, key);
    try {
      syncer.sync(context);
    } catch (Exception e) {
      if (isClosed()) {
        // close() interrupts a running sync; its failure means nothing.
        LOG.debugf("controller %s: sync of %s ended by close: %s", name, key, e);
        return;
      }
      if (NotLeaderException.isCause(e)) {
        // Not a failure: the leader does the writing; becoming the leader resyncs every key.
        LOG.debugf("controller %s: sync of %s left to the leader", name, key);
        failures.remove(key);
        return;
      }
      int attempts = failures.merge(key, 1, Integer::sum);
      Duration delay = retryBackoff.delay(attempts);
      LOG.warnf(
          "controller %s: sync of %s failed (attempt %d), retrying in %s: %s",
          name, key, attempts, delay, e.toString());
      LOG.debugf(e, "controller %s: sync of %s failed", name, key);
      queue.addAfter(key, delay);
      return;
    }
    failures.remove(key);
    Duration requeue = context.requestedRequeue();
    if (requeue != null) {
      queue.addAfter(key, requeue);
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Stops the worker, waiting for a running sync to end; the caches keep running. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    subscriptions.forEach(Subscription::close);
    timers.shutdownNow();
    queue.shutDown();
    worker.interrupt();
    if (worker.isAlive()) {
      try {
        worker.join(STOP_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "Controller[" + name + "]";
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Collects what a controller watches and how it retries. */
  public static final class Builder {
    private final String name;
    private final Syncer syncer;
    private final List<Watch<?>> watches = new ArrayList<>();
    private final Set<Key> initialKeys = new LinkedHashSet<>();
    private Duration resyncPeriod = DEFAULT_RESYNC_PERIOD;
    private RetryBackoff retryBackoff = RetryBackoff.DEFAULT;

    private Builder(String name, Syncer syncer) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("a controller needs a name");
      }
      this.name = name;
      this.syncer = Objects.requireNonNull(syncer, "syncer");
    }

    /**
     * Watches {@code cache}: each of its events syncs the keys {@code filter} maps it to. Say in a
     * comment at the call why the controller watches it.
     */
    public <T extends HasMetadata> Builder watch(ResourceCache<T> cache, EventFilter<T> filter) {
      watches.add(new Watch<>(cache, filter));
      return this;
    }

    /** Syncs {@code key} once at start and at every resync, events or not. */
    public Builder initialEvent(Key key) {
      initialKeys.add(key);
      return this;
    }

    public Builder resyncPeriod(Duration period) {
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("the resync period must be positive");
      }
      this.resyncPeriod = period;
      return this;
    }

    public Builder retryBackoff(RetryBackoff backoff) {
      this.retryBackoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    public Controller build() {
      return new Controller(this);
    }

    @Override
    public String toString() {
      return "Controller.Builder[" + name + "]";
    }
  }
}
