package dev.pinnipedjava.concierge.bench;

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

  static LatencySample empty() {
    return new LatencySample(new long[0], Duration.ZERO, 0);
  }

  /** This run and {@code other} as one. */
  LatencySample plus(LatencySample other) {
    long[] both = Arrays.copyOf(nanos, nanos.length + other.nanos.length);
    System.arraycopy(other.nanos, 0, both, nanos.length, other.nanos.length);
    return new LatencySample(both, wall.plus(other.wall), failures + other.failures);
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
