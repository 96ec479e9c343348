package dev.pinnipedjava.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CrdYamlTest {
  @Test
  void writeSortsKeysKeepsListsAndStartsWithTheHeader() {
    ObjectNode crd = CrdYaml.read("{kind: CustomResourceDefinition, apiVersion: v1, list: [b, a]}");

    assertThat(CrdYaml.write(crd))
        .isEqualTo(
            CrdYaml.HEADER
                + """
                ---
                apiVersion: v1
                kind: CustomResourceDefinition
                list:
                - b
                - a
                """);
  }

  @Test
  void writeNeitherWrapsLongStringsNorLosesTheirType() {
    String longText = "word ".repeat(60).trim();
    ObjectNode crd =
        CrdYaml.read(
            "{description: \""
                + longText
                + "\", enum: [\"True\", \"False\", Unknown, \"1\", \"null\", \"a: b\"]}");

    String written = CrdYaml.write(crd);

    assertThat(written).contains("description: " + longText + "\n");
    assertThat(CrdYaml.read(written)).isEqualTo(crd);
  }

  @Test
  void readRefusesAnythingButAMapping() {
    assertThatThrownBy(() -> CrdYaml.read("[a, b]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a CRD manifest must be a YAML mapping");
  }
}
