package dev.pinnipedjava.testkit.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ControlPlaneStateTest {
  private static final ControlPlaneState STATE =
      new ControlPlaneState(
          URI.create("https://127.0.0.1:40001"),
          URI.create("http://127.0.0.1:40002"),
          "v1.34.4",
          Instant.parse("2030-01-02T03:04:05.678Z"),
          Duration.ofMillis(2345));

  @Test
  void roundTripsThroughAFile(@TempDir Path temp) {
    Path file = temp.resolve("state.json");

    STATE.writeTo(file);

    assertThat(file).content().contains("\"schemaVersion\" : 1");
    assertThat(ControlPlaneState.readFrom(file)).contains(STATE);
  }

  @Test
  void aMissingFileIsNoState(@TempDir Path temp) {
    assertThat(ControlPlaneState.readFrom(temp.resolve("state.json"))).isEmpty();
  }

  record BadCase(String name, String json, String wantMessage) {}

  static Stream<BadCase> badStates() {
    String valid = STATE.toJson();
    return Stream.of(
        new BadCase("not JSON", "{", "not JSON"),
        new BadCase(
            "newer schema",
            valid.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"),
            "schema version 2; this kit reads version 1"),
        new BadCase("no schema", "{}", "schema version -1"),
        new BadCase(
            "missing field",
            valid.replace("\"kubernetesVersion\"", "\"otherField\""),
            "lacks the text field kubernetesVersion"),
        new BadCase(
            "malformed instant",
            valid.replace("2030-01-02T03:04:05.678Z", "yesterday"),
            "malformed field"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badStates")
  void rejectsBadStates(BadCase c) {
    assertThatThrownBy(() -> ControlPlaneState.fromJson(c.json()))
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining(c.wantMessage());
  }
}
