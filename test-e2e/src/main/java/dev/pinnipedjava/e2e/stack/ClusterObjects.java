package dev.pinnipedjava.e2e.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Creates or updates objects by server-side apply, from manifest files or maps. */
final class ClusterObjects {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final KubernetesClient client;

  ClusterObjects(KubernetesClient client) {
    this.client = client;
  }

  /** Every document of {@code manifest}, each after {@code change}. */
  void applyFile(Path manifest, UnaryOperator<ObjectNode> change) {
    for (ObjectNode document : documents(manifest)) {
      apply(change.apply(document));
    }
  }

  void applyFile(Path manifest) {
    applyFile(manifest, document -> document);
  }

  void apply(JsonNode document) {
    client
        .resource(
            client
                .getKubernetesSerialization()
                .convertValue(document, GenericKubernetesResource.class))
        .forceConflicts()
        .serverSideApply();
  }

  /** Applies {@code apiVersion}/{@code kind} named {@code name} with the given top-level fields. */
  void apply(
      String apiVersion,
      String kind,
      String namespace,
      String name,
      Map<String, ? extends Object> fields) {
    ObjectNode object = YAML.createObjectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    fields.forEach((field, value) -> object.set(field, YAML.valueToTree(value)));
    apply(object);
  }

  private static List<ObjectNode> documents(Path manifest) {
    List<ObjectNode> documents = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(manifest.toFile())) {
      for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (document instanceof ObjectNode object) {
          documents.add(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifest, e);
    }
    return documents;
  }
}
