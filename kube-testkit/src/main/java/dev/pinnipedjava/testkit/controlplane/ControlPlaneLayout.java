package dev.pinnipedjava.testkit.controlplane;

import java.nio.file.Path;

/**
 * Where a control plane keeps its files. The same layout serves a test run directory and the local
 * stack's state directory.
 */
public record ControlPlaneLayout(Path root) {
  public ControlPlaneLayout {
    root = root.toAbsolutePath().normalize();
  }

  public Path pki() {
    return root.resolve("pki");
  }

  public Path pki(String fileName) {
    return pki().resolve(fileName);
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path log(String processName) {
    return logs().resolve(processName + ".log");
  }

  public Path pids() {
    return root.resolve("pids");
  }

  public Path pidFile(String processName) {
    return pids().resolve(processName + ".pid");
  }

  public Path etcdData() {
    return root.resolve("etcd-data");
  }

  /** The admin kubeconfig (client certificate CN=admin, O=system:masters). */
  public Path adminKubeconfig() {
    return root.resolve("kubeconfig");
  }

  /** Further kubeconfigs written for tests. */
  public Path kubeconfigs() {
    return root.resolve("kubeconfigs");
  }

  public Path kubectlCache() {
    return root.resolve("kubectl-cache");
  }

  public Path stateFile() {
    return root.resolve("state.json");
  }
}
