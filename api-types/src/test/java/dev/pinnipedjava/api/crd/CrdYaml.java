package dev.pinnipedjava.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes CRD manifests. Output is canonical, so that regenerating gives the same bytes:
 * mapping keys sorted (as controller-gen writes them), list order kept, no line wrapping, quotes
 * only where YAML needs them.
 */
final class CrdYaml {
  static final String HEADER =
      "# Generated from the Java types in api-types by hack/update-crds.sh. Do not edit.\n";

  private static final YAMLMapper MAPPER =
      new YAMLMapper(
          YAMLFactory.builder()
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build());

  private CrdYaml() {}

  static ObjectNode read(String yaml) {
    try {
      JsonNode node = MAPPER.readTree(yaml);
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException("a CRD manifest must be a YAML mapping");
      }
      return object;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse CRD manifest", e);
    }
  }

  static String write(ObjectNode crd) {
    try {
      return HEADER + MAPPER.writeValueAsString(sorted(crd));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write CRD manifest", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      names.forEach(name -> copy.set(name, sorted(object.get(name))));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      array.forEach(item -> copy.add(sorted(item)));
      return copy;
    }
    return node;
  }
}
