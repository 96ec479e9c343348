package dev.pinnipedjava.testkit.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Failed starts, driven by stand-in scripts for etcd and kube-apiserver. */
class ControlPlaneStartTest {
  @TempDir Path temp;

  record Case(
      String name, String etcdScript, String apiServerScript, String wantMessage, int wantStarts) {}

  static Stream<Case> failedStarts() {
    String recordPid = "echo $$ >> \"$PIDS\"; ";
    return Stream.of(
        new Case(
            "etcd keeps finding its port taken",
            recordPid + "echo 'listen tcp 127.0.0.1:1: bind: address already in use'; exit 1",
            recordPid + "exec sleep 300",
            "another process took a port of etcd, 3 times in a row",
            3),
        new Case(
            "kube-apiserver exits at once",
            recordPid + "exec sleep 300",
            recordPid + "echo 'Error: broken on purpose' >&2; exit 1",
            "kube-apiserver exited during start; see ",
            1),
        new Case(
            "etcd exits for another reason",
            recordPid + "echo 'etcd: unknown flag' >&2; exit 2",
            recordPid + "exec sleep 300",
            "etcd exited during start; see ",
            1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failedStarts")
  void failedStartsSayWhyAndStopEverything(Case c) throws IOException {
    Path etcdPids = temp.resolve("etcd-pids");
    Path apiServerPids = temp.resolve("apiserver-pids");
    Path binaries = Files.createDirectories(temp.resolve("bin"));
    script(binaries.resolve("etcd"), "PIDS=" + etcdPids + "\n" + c.etcdScript());
    // The stand-in API server waits for etcd to record its pid, so every check below has a pid.
    script(
        binaries.resolve("kube-apiserver"),
        "PIDS="
            + apiServerPids
            + "\nuntil [ -s "
            + etcdPids
            + " ]; do sleep 0.05; done\n"
            + c.apiServerScript());
    script(binaries.resolve("kubectl"), "exit 0");
    Path runDirectory = temp.resolve("run");

    assertThatThrownBy(() -> ControlPlane.start(new ControlPlaneBinaries(binaries), runDirectory))
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining(c.wantMessage());

    List<String> etcdStarts = Files.readAllLines(etcdPids);
    assertThat(etcdStarts).hasSize(c.wantStarts());
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(Stream.concat(etcdStarts.stream(), pidsIn(apiServerPids)))
                    .noneMatch(ControlPlaneStartTest::alive));
    assertThat(new ControlPlaneLayout(runDirectory).pids()).doesNotExist();
  }

  private static Stream<String> pidsIn(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file).stream() : Stream.empty();
  }

  private static boolean alive(String pid) {
    return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }
}
