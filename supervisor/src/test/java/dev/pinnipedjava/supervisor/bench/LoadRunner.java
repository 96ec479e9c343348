package dev.pinnipedjava.supervisor.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Runs an operation a number of times, as fast as some threads can or at a fixed rate. */
final class LoadRunner {
  /** The i-th operation; true when its answer was the expected one. */
  @FunctionalInterface
  interface Operation {
    boolean run(int i) throws Exception;
  }

  /** The last exception an operation threw, for the report. */
  static volatile @Nullable String lastError;

  private LoadRunner() {}

  /** {@code requests} calls spread over {@code threads} threads, each calling in turn. */
  static LatencySample closedLoop(Operation operation, int requests, int threads) throws Exception {
    long[] nanos = new long[requests];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  int i;
                  while ((i = next.getAndIncrement()) < requests) {
                    nanos[i] = timed(operation, i, failures);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      return new LatencySample(nanos, Duration.ofNanos(System.nanoTime() - start), failures.get());
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code requests} calls started at {@code perSecond}, whatever the earlier ones take. */
  static LatencySample openLoop(Operation operation, int requests, int perSecond) throws Exception {
    long[] nanos = new long[requests];
    AtomicInteger failures = new AtomicInteger();
    ScheduledExecutorService pool = Executors.newScheduledThreadPool(32);
    try {
      long start = System.nanoTime();
      long interval = 1_000_000_000L / perSecond;
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        int index = i;
        calls.add(
            pool.schedule(
                () -> {
                  nanos[index] = timed(operation, index, failures);
                  return null;
                },
                i * interval,
                TimeUnit.NANOSECONDS));
      }
      for (Future<?> call : calls) {
        call.get();
      }
      return new LatencySample(nanos, Duration.ofNanos(System.nanoTime() - start), failures.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private static long timed(Operation operation, int i, AtomicInteger failures) {
    long before = System.nanoTime();
    boolean ok;
    try {
      ok = operation.run(i);
    } catch (Exception e) {
      lastError = e.toString();
      ok = false;
    }
    if (!ok) {
      failures.incrementAndGet();
    }
    return System.nanoTime() - before;
  }
}
