package dev.pinnipedjava.concierge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * CPU time used so far by this JVM (the load client, the Concierge and its proxy), by its Vert.x
 * threads (the Concierge's servers, including the impersonation proxy, and nothing of the load
 * client) and by its child processes (etcd and the kube-apiserver), so that each row can show where
 * a request's CPU goes.
 */
record CpuTime(Duration jvm, Duration vertx, Duration controlPlane) {
  static final CpuTime ZERO = new CpuTime(Duration.ZERO, Duration.ZERO, Duration.ZERO);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  static CpuTime now() {
    Duration children =
        ProcessHandle.current()
            .descendants()
            .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
            .reduce(Duration.ZERO, Duration::plus);
    long vertxNanos =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith("vert.x-"))
            .mapToLong(thread -> Math.max(0, THREADS.getThreadCpuTime(thread.getId())))
            .sum();
    return new CpuTime(
        ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO),
        Duration.ofNanos(vertxNanos),
        children);
  }

  CpuTime minus(CpuTime earlier) {
    return new CpuTime(
        jvm.minus(earlier.jvm),
        vertx.minus(earlier.vertx),
        controlPlane.minus(earlier.controlPlane));
  }

  CpuTime plus(CpuTime other) {
    return new CpuTime(
        jvm.plus(other.jvm), vertx.plus(other.vertx), controlPlane.plus(other.controlPlane));
  }
}
