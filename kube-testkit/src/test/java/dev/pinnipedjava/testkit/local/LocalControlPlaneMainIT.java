package dev.pinnipedjava.testkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.testkit.controlplane.ControlPlane;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneLayout;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneState;
import dev.pinnipedjava.testkit.controlplane.Loopback;
import dev.pinnipedjava.testkit.controlplane.RecordedControlPlane;
import dev.pinnipedjava.testkit.process.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalControlPlaneMainIT {
  @TempDir Path stateDirectory;

  @AfterEach
  void stopWhateverRuns() {
    new RecordedControlPlane(new ControlPlaneLayout(stateDirectory)).stop();
  }

  @Test
  void upOutlivesItsJvmThenStatusUpAgainAndDownManageIt() throws Exception {
    ControlPlaneLayout layout = new ControlPlaneLayout(stateDirectory);

    JvmRun up = upInAnotherJvm();

    assertThat(up.exitCode()).as("up exit code; stderr: %s", up.err()).isZero();
    assertThat(up.out()).contains("started in", "kube-apiserver v1.34.4", "kubeconfig");
    List<ManagedProcess> running = new RecordedControlPlane(layout).runningProcesses();
    assertThat(running)
        .extracting(ManagedProcess::name)
        .containsExactly(ControlPlane.KUBE_APISERVER, ControlPlane.ETCD);
    List<Long> descendants = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
    assertThat(running).extracting(ManagedProcess::pid).doesNotContainAnyElementsOf(descendants);
    assertThat(layout.adminKubeconfig()).isNotEmptyFile();
    assertThat(layout.pki("client-ca.key")).isNotEmptyFile();
    assertThat(layout.log(ControlPlane.KUBE_APISERVER)).isNotEmptyFile();
    ControlPlaneState state = ControlPlaneState.readFrom(layout.stateFile()).orElseThrow();
    List<URI> endpoints = List.of(state.apiServerUrl(), state.etcdUrl());

    MainRun status = MainRun.run(Map.of(), "status", stateDirectory.toString());
    assertThat(status.exitCode()).isZero();
    assertThat(status.out())
        .startsWith("running: kube-apiserver v1.34.4 at " + state.apiServerUrl());

    MainRun again = MainRun.run(Map.of(), "up", stateDirectory.toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).startsWith("already running");
    assertThat(new RecordedControlPlane(layout).runningProcesses())
        .extracting(ManagedProcess::pid)
        .containsExactlyElementsOf(running.stream().map(ManagedProcess::pid).toList());

    MainRun down = MainRun.run(Map.of(), "down", stateDirectory.toString());
    assertThat(down.exitCode()).isZero();
    assertThat(down.out()).startsWith("stopped kube-apiserver");
    assertThat(running).noneMatch(ManagedProcess::isAlive);
    assertThat(endpoints).noneMatch(Loopback::listening);

    MainRun downAgain = MainRun.run(Map.of(), "down", stateDirectory.toString());
    assertThat(downAgain.exitCode()).isZero();
    assertThat(downAgain.out()).isEqualTo("not running\n");
    MainRun statusAfter = MainRun.run(Map.of(), "status", stateDirectory.toString());
    assertThat(statusAfter.exitCode()).isEqualTo(LocalControlPlaneMain.NOT_RUNNING);
    assertThat(statusAfter.out()).isEqualTo("not running\n");
  }

  record JvmRun(int exitCode, String out, String err) {}

  /** Runs {@code up} in a JVM of its own, which exits when up is done. */
  private JvmRun upInAnotherJvm() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path out = stateDirectory.resolveSibling(stateDirectory.getFileName() + "-up.out");
    Path err = stateDirectory.resolveSibling(stateDirectory.getFileName() + "-up.err");
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LocalControlPlaneMain.class.getName(),
                "up",
                stateDirectory.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("up did not return within 3 minutes");
    }
    try {
      return new JvmRun(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
