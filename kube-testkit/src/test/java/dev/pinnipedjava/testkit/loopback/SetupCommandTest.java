package dev.pinnipedjava.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupCommandTest {
  @TempDir Path temp;

  @Test
  void outputIsAppendedToTheLog() throws IOException {
    Path log = temp.resolve("logs/setup.log");

    SetupCommand.run("say one", List.of("sh", "-c", "echo one"), log, Duration.ofSeconds(10));
    SetupCommand.run("say two", List.of("sh", "-c", "echo two >&2"), log, Duration.ofSeconds(10));

    assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).containsExactly("one", "two");
  }

  @Test
  void aFailureNamesTheExitAndTheLastLinesButNotTheArguments() {
    Path log = temp.resolve("setup.log");

    assertThatThrownBy(
            () ->
                SetupCommand.run(
                    "load a config",
                    List.of("sh", "-c", "echo 'bad line 7' >&2; exit 3", "--password=hunter2"),
                    log,
                    Duration.ofSeconds(10)))
        .isInstanceOf(PartException.class)
        .hasMessageContaining("sh failed to load a config (exit 3)")
        .hasMessageContaining("bad line 7")
        .hasMessageContaining(log.toString())
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aCommandThatHangsIsEndedAtTheTimeout() {
    assertThatThrownBy(
            () ->
                SetupCommand.run(
                    "wait", List.of("sleep", "30"), temp.resolve("log"), Duration.ofMillis(200)))
        .isInstanceOf(PartException.class)
        .hasMessageContaining("did not wait within");
  }
}
