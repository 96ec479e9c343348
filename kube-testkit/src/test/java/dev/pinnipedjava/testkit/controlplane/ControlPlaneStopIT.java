package dev.pinnipedjava.testkit.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.testkit.process.ManagedProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneStopIT {

  @Test
  void stopLeavesNoProcessAndNoListener(@TempDir Path runDirectory) {
    ControlPlaneBinaries binaries =
        ControlPlaneBinaries.locate(System::getenv, Path.of("").toAbsolutePath(), System.err);
    ControlPlane controlPlane = ControlPlane.start(binaries, runDirectory);
    ControlPlanePorts ports = controlPlane.ports();
    List<URI> endpoints = List.of(ports.apiServerUrl(), ports.etcdClientUrl(), ports.etcdPeerUrl());
    assertThat(endpoints).allMatch(Loopback::listening, "listening while running");
    assertThat(controlPlane.processes()).allMatch(ManagedProcess::isAlive, "alive while running");
    assertThat(controlPlane.layout().etcdData()).isDirectory();

    controlPlane.stop();

    assertThat(endpoints).noneMatch(Loopback::listening);
    assertThat(controlPlane.processes()).noneMatch(ManagedProcess::isAlive);
    assertThat(controlPlane.layout().etcdData()).doesNotExist();
    assertThat(controlPlane.layout().log(ControlPlane.KUBE_APISERVER)).isNotEmptyFile();
    controlPlane.stop();
  }
}
