package dev.pinnipedjava.concierge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Runs an operation a bounded number of times on a few threads and measures each call. */
final class LoadRunner {
  /** One operation; true when its answer was the expected one. */
  @FunctionalInterface
  interface Operation {
    boolean run() throws Exception;
  }

  /** The last exception an operation threw, for the report. */
  static volatile @Nullable String lastError;

  private LoadRunner() {}

  /** {@code requests} calls spread over {@code threads} threads, each calling in turn. */
  static LatencySample run(Operation operation, int requests, int threads) throws Exception {
    long[] nanos = new long[requests];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CpuTime cpuBefore = CpuTime.now();
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  int i;
                  while ((i = next.getAndIncrement()) < requests) {
                    long before = System.nanoTime();
                    boolean ok;
                    try {
                      ok = operation.run();
                    } catch (Exception e) {
                      lastError = e.toString();
                      ok = false;
                    }
                    nanos[i] = System.nanoTime() - before;
                    if (!ok) {
                      failures.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      return new LatencySample(nanos, wall, CpuTime.now().minus(cpuBefore), failures.get());
    } finally {
      pool.shutdownNow();
    }
  }
}
