package dev.pinnipedjava.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrdFinisherTest {
  record GadgetSpec(String host) {}

  @AdditionalPrinterColumn(
      name = "Host",
      jsonPath = ".spec.host",
      type = AdditionalPrinterColumn.Type.STRING)
  @AdditionalPrinterColumn(
      name = "Age",
      jsonPath = ".metadata.creationTimestamp",
      type = AdditionalPrinterColumn.Type.DATE)
  static class Gadget extends CustomResource<GadgetSpec, Void> {
    private static final long serialVersionUID = 1L;
  }

  /** The shape fabric8's generator writes: printer columns sorted by name, with priority 0. */
  private static final String GENERATED =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: gadgets.example.com
      spec:
        group: example.com
        names:
          kind: Gadget
          plural: gadgets
          singular: gadget
        scope: Namespaced
        versions:
        - additionalPrinterColumns:
          - jsonPath: .metadata.creationTimestamp
            name: Age
            priority: 0
            type: date
          - jsonPath: .spec.host
            name: Host
            priority: 1
            type: string
          name: v1
          schema:
            openAPIV3Schema:
              properties:
                spec:
                  properties:
                    host:
                      type: string
                  type: object
              type: object
          served: true
          storage: true
      """;

  @Test
  void finishOrdersPrinterColumnsAsDeclaredAndAddsListKind() {
    ObjectNode finished = new CrdFinisher().finish(Gadget.class, CrdYaml.read(GENERATED));

    assertThat(finished.at("/spec/names/listKind").asText()).isEqualTo("GadgetList");
    assertThat(finished.at("/spec/versions/0/additionalPrinterColumns"))
        .isEqualTo(
            CrdYaml.read(
                    """
                    columns:
                    - jsonPath: .spec.host
                      name: Host
                      priority: 1
                      type: string
                    - jsonPath: .metadata.creationTimestamp
                      name: Age
                      type: date
                    """)
                .get("columns"));
  }

  @Test
  void finishRefusesACrdWithoutItsJavaType() {
    ObjectNode crd = CrdYaml.read(GENERATED);

    assertThatThrownBy(() -> new CrdFinisher().finish(crd))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("group example.com does not end with .pinniped.dev; no Java type follows");
  }

  @Test
  void finishAllNeedsGeneratedCrds(@TempDir Path generated, @TempDir Path output) {
    assertThatThrownBy(() -> new CrdFinisher().finishAll(generated, output))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("fabric8 generated no CRD in " + generated);
  }

  @Test
  void finishAllWritesEachCrdUnderItsComponentAndDropsStaleOnes(
      @TempDir Path generated, @TempDir Path output) throws Exception {
    Path raw = Path.of("target/fabric8-crds/oidcclients.config.supervisor.pinniped.dev-v1.yml");
    assertThat(raw).as("fabric8's CRD generator runs before the tests").exists();
    Files.copy(raw, generated.resolve(raw.getFileName()));
    Path stale = output.resolve("concierge/removedkinds.config.concierge.pinniped.dev.yaml");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "stale");

    new CrdFinisher().finishAll(generated, output);

    assertThat(stale).doesNotExist();
    Path written = output.resolve("supervisor/oidcclients.config.supervisor.pinniped.dev.yaml");
    assertThat(Files.readString(written)).startsWith(CrdYaml.HEADER);
    assertThat(CrdYaml.read(Files.readString(written)).at("/spec/names/listKind").asText())
        .isEqualTo("OIDCClientList");
  }
}
