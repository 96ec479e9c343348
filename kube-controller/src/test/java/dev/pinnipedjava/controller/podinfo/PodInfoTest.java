package dev.pinnipedjava.controller.podinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodInfoTest {
  @Test
  void readsTheDownwardApiFiles(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("namespace"), "pinniped-concierge\n");
    Files.writeString(directory.resolve("name"), "pinniped-concierge-5d8f-abcde");
    Files.writeString(
        directory.resolve("labels"), "app=\"pinniped-concierge\"\npod-template-hash=\"5d8f\"\n");

    assertThat(PodInfo.read(directory))
        .isEqualTo(
            new PodInfo(
                "pinniped-concierge",
                "pinniped-concierge-5d8f-abcde",
                Map.of("app", "pinniped-concierge", "pod-template-hash", "5d8f")));
  }

  @Test
  void nameAndLabelsAreOptional(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("namespace"), "pinniped-supervisor");

    assertThat(PodInfo.read(directory))
        .isEqualTo(new PodInfo("pinniped-supervisor", null, Map.of()));
  }

  @Test
  void aMissingNamespaceIsAnError(@TempDir Path directory) {
    assertThatThrownBy(() -> PodInfo.read(directory))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("podinfo " + directory + " has no namespace file");
  }

  @Test
  void labelsKeepTheirOrderAndLoseTheirQuotes() {
    assertThat(PodInfo.parseLabels("app=\"pinniped-supervisor\"\npod-template-hash=\"abc\"\n"))
        .containsExactly(
            Map.entry("app", "pinniped-supervisor"), Map.entry("pod-template-hash", "abc"));
  }
}
