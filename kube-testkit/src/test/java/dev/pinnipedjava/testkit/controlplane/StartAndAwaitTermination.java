package dev.pinnipedjava.testkit.controlplane;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts an attached control plane, prints its pids and ports on one line, then waits until the JVM
 * is terminated; {@link ShutdownHookIT} runs it in a JVM of its own.
 */
public final class StartAndAwaitTermination {
  private StartAndAwaitTermination() {}

  public static void main(String[] args) throws InterruptedException {
    ControlPlaneBinaries binaries =
        ControlPlaneBinaries.locate(System::getenv, Path.of("").toAbsolutePath(), System.err);
    ControlPlane controlPlane = ControlPlane.start(binaries, Path.of(args[0]));
    ControlPlanePorts ports = controlPlane.ports();
    System.out.println(
        "ready "
            + controlPlane.processes().get(0).pid()
            + " "
            + controlPlane.processes().get(1).pid()
            + " "
            + ports.apiServer()
            + " "
            + ports.etcdClient()
            + " "
            + ports.etcdPeer());
    new CountDownLatch(1).await();
  }
}
