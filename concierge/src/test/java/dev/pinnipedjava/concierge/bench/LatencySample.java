package dev.pinnipedjava.concierge.bench;

import java.time.Duration;
import java.util.Arrays;

/** Latencies of one measured run, its wall time and CPU time, and how many operations failed. */
final class LatencySample {
  private final long[] nanos;
  private final Duration wall;
  private final CpuTime cpu;
  private final int failures;

  LatencySample(long[] nanos, Duration wall, CpuTime cpu, int failures) {
    this.nanos = nanos.clone();
    Arrays.sort(this.nanos);
    this.wall = wall;
    this.cpu = cpu;
    this.failures = failures;
  }

  static LatencySample empty() {
    return new LatencySample(new long[0], Duration.ZERO, CpuTime.ZERO, 0);
  }

  /** This run and {@code other} as one. */
  LatencySample plus(LatencySample other) {
    long[] both = Arrays.copyOf(nanos, nanos.length + other.nanos.length);
    System.arraycopy(other.nanos, 0, both, nanos.length, other.nanos.length);
    return new LatencySample(
        both, wall.plus(other.wall), cpu.plus(other.cpu), failures + other.failures);
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

  /** CPU milliseconds per operation of this JVM (load client and Concierge). */
  double jvmCpuMillis() {
    return perOperationMillis(cpu.jvm());
  }

  /** CPU milliseconds per operation of this JVM's Vert.x threads (the Concierge's servers). */
  double vertxCpuMillis() {
    return perOperationMillis(cpu.vertx());
  }

  /** CPU milliseconds per operation of the child processes (kube-apiserver and etcd). */
  double controlPlaneCpuMillis() {
    return perOperationMillis(cpu.controlPlane());
  }

  private double perOperationMillis(Duration total) {
    return nanos.length == 0 ? Double.NaN : total.toNanos() / 1_000_000.0 / nanos.length;
  }

  double perSecond() {
    return nanos.length / (wall.toNanos() / 1_000_000_000.0);
  }
}
