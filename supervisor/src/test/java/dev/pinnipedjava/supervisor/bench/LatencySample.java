package dev.pinnipedjava.supervisor.bench;

import java.time.Duration;
import java.util.Arrays;

/** Latencies of one measured run, its wall time and how many operations failed. */
final class LatencySample {
  private final long[] nanos;
  private final Duration wall;
  private final int failures;

  LatencySample(long[] nanos, Duration wall, int failures) {
    this.nanos = nanos.clone();
    Arrays.sort(this.nanos);
    this.wall = wall;
    this.failures = failures;
  }

  int count() {
    return nanos.length;
  }

  int failures() {
    return failures;
  }

  double percentileMillis(double percentile) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(percentile / 100.0 * nanos.length) - 1;
    return nanos[Math.max(0, Math.min(index, nanos.length - 1))] / 1_000_000.0;
  }

  double perSecond() {
    return nanos.length / (wall.toNanos() / 1_000_000_000.0);
  }
}
