package dev.pinnipedjava.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ManagedProcessTest {
  @TempDir Path temp;

  private @Nullable ManagedProcess process;

  @AfterEach
  void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(5));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Detachment.class)
  void writesOutputToItsLogAndStopsOnSigterm(Detachment detachment) {
    Path log = temp.resolve("logs/sleeper.log");
    process =
        ManagedProcess.start(
            "sleeper", List.of("sh", "-c", "echo started; exec sleep 300"), log, detachment);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(log).content().contains("started"));
    assertThat(process.isAlive()).isTrue();

    process.stop(Duration.ofSeconds(5));

    assertThat(process.isAlive()).isFalse();
  }

  @Test
  void detachedProcessRunsInItsOwnSession() throws Exception {
    Path sessionFile = temp.resolve("session");
    process =
        ManagedProcess.start(
            "session-reporter",
            List.of("sh", "-c", "ps -o sid= -p $$ > " + sessionFile + "; exec sleep 300"),
            temp.resolve("session.log"),
            Detachment.DETACHED);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(sessionFile) && !Files.readString(sessionFile).isBlank());

    assertThat(Long.parseLong(Files.readString(sessionFile).strip())).isEqualTo(process.pid());
  }

  @Test
  void aProcessIgnoringSigtermIsKilledAfterTheGracePeriod() {
    process =
        ManagedProcess.start(
            "stubborn",
            List.of("sh", "-c", "trap '' TERM; echo trapped; while :; do sleep 1; done"),
            temp.resolve("stubborn.log"),
            Detachment.ATTACHED);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(temp.resolve("stubborn.log")).content().contains("trapped"));

    process.stop(Duration.ofMillis(300));

    assertThat(process.isAlive()).isFalse();
  }

  @Test
  void pidFileFindsTheProcessOnlyWhileItRunsTheNamedExecutable() {
    Path pidFile = temp.resolve("pids/sleep.pid");
    ManagedProcess sleep =
        ManagedProcess.start(
            "sleep", List.of("sleep", "300"), temp.resolve("sleep.log"), Detachment.DETACHED);
    process = sleep;
    sleep.writePidFile(pidFile);

    // Until setsid has exec'd sleep, the pid still runs setsid.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        ManagedProcess.fromPidFile(
                            "sleep", pidFile, "sleep", temp.resolve("sleep.log")))
                    .hasValueSatisfying(found -> assertThat(found.pid()).isEqualTo(sleep.pid())));
    assertThat(ManagedProcess.fromPidFile("etcd", pidFile, "etcd", temp.resolve("etcd.log")))
        .as("a reused pid running something else")
        .isEmpty();

    sleep.stop(Duration.ofSeconds(5));

    assertThat(ManagedProcess.fromPidFile("sleep", pidFile, "sleep", temp.resolve("sleep.log")))
        .isEmpty();
  }

  @Test
  void missingOrGarbledPidFilesFindNothing() throws Exception {
    Path garbled = Files.writeString(temp.resolve("garbled.pid"), "not a pid\n");

    assertThat(ManagedProcess.fromPidFile("x", temp.resolve("missing.pid"), "x", temp)).isEmpty();
    assertThat(ManagedProcess.fromPidFile("x", garbled, "x", temp)).isEmpty();
  }
}
