package dev.pinnipedjava.testkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.testkit.controlplane.ControlPlaneBinaries;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LocalControlPlaneMainTest {
  @TempDir Path temp;

  record UsageCase(String name, List<String> args, String wantErr) {}

  static Stream<UsageCase> usageErrors() {
    return Stream.of(
        new UsageCase("no arguments", List.of(), "usage: LocalControlPlaneMain"),
        new UsageCase("no state directory", List.of("up"), "usage: LocalControlPlaneMain"),
        new UsageCase("unknown command", List.of("restart", "/tmp/x"), "unknown command restart"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  void rejectsBadUsage(UsageCase c) {
    MainRun run = MainRun.run(Map.of(), c.args().toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(LocalControlPlaneMain.USAGE);
    assertThat(run.err()).contains(c.wantErr());
  }

  @Test
  void failedStartIsOneLineNamingTheLogAndLeavesNothingRunning() throws IOException {
    Path binaries = Files.createDirectories(temp.resolve("bin"));
    Path etcdPid = temp.resolve("etcd-pid");
    script(binaries.resolve("etcd"), "echo $$ > " + etcdPid + "; exec sleep 300");
    script(
        binaries.resolve("kube-apiserver"),
        "until [ -s "
            + etcdPid
            + " ]; do sleep 0.05; done\necho 'cannot start: broken on purpose' >&2; exit 1");
    script(binaries.resolve("kubectl"), "exit 0");
    Path state = temp.resolve("state");

    MainRun run =
        MainRun.run(
            Map.of(ControlPlaneBinaries.DIRECTORY_VARIABLE, binaries.toString()),
            "up",
            state.toString());

    assertThat(run.exitCode()).isEqualTo(LocalControlPlaneMain.FAILED);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .contains("kube-apiserver exited during start")
        .contains(state.resolve("logs/kube-apiserver.log").toString());
    assertThat(state.resolve("logs/kube-apiserver.log")).content().contains("broken on purpose");
    long etcd = Long.parseLong(Files.readString(etcdPid).strip());
    assertThat(ProcessHandle.of(etcd).filter(ProcessHandle::isAlive)).as("fake etcd").isEmpty();
    assertThat(new ControlPlaneLayout(state).pids()).doesNotExist();
  }

  @Test
  void statusAndDownOfAnEmptyDirectorySayNotRunning() {
    MainRun status = MainRun.run(Map.of(), "status", temp.toString());
    MainRun down = MainRun.run(Map.of(), "down", temp.toString());

    assertThat(status.exitCode()).isEqualTo(LocalControlPlaneMain.NOT_RUNNING);
    assertThat(status.out()).isEqualTo("not running\n");
    assertThat(down.exitCode()).isZero();
    assertThat(down.out()).isEqualTo("not running\n");
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }
}
