package dev.pinnipedjava.testkit.controlplane;

import dev.pinnipedjava.testkit.process.ManagedProcess;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A detached control plane as recorded in a state directory by an earlier {@link
 * ControlPlane#start} (pid files and {@code state.json}), seen from a later JVM.
 */
public record RecordedControlPlane(ControlPlaneLayout layout) {

  public Optional<ControlPlaneState> state() {
    return ControlPlaneState.readFrom(layout.stateFile());
  }

  /** The recorded processes still alive, kube-apiserver first. */
  public List<ManagedProcess> runningProcesses() {
    return Stream.of(ControlPlane.KUBE_APISERVER, ControlPlane.ETCD)
        .flatMap(
            name ->
                ManagedProcess.fromPidFile(name, layout.pidFile(name), name, layout.log(name))
                    .stream())
        .toList();
  }

  /** Whether both processes run and the API server reports ready. */
  public Optional<ApiServerProbe.Readiness> readiness() {
    Optional<ControlPlaneState> state = state();
    if (state.isEmpty() || runningProcesses().size() != 2) {
      return Optional.empty();
    }
    return Optional.of(ApiServerProbe.forLayout(state.get().apiServerUrl(), layout).readyz());
  }

  /** Stops whatever still runs; returns the processes that were stopped. */
  public List<ManagedProcess> stop() {
    List<ManagedProcess> running = runningProcesses();
    running.forEach(process -> process.stop(ControlPlane.STOP_GRACE));
    ControlPlane.deleteRecursively(layout.pids());
    return running;
  }
}
