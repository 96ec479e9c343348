package dev.pinnipedjava.e2e.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Kubernetes objects of a set of manifest files, parsed once. */
final class Manifests {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ManifestObject> objects;

  private Manifests(List<ManifestObject> objects) {
    this.objects = List.copyOf(objects);
  }

  static Manifests load(List<Path> files) {
    List<ManifestObject> objects = new ArrayList<>();
    for (Path file : files) {
      objects.addAll(parse(file));
    }
    return new Manifests(objects);
  }

  /**
   * The objects of one file, in order. Documents holding only comments are skipped; a document
   * without apiVersion, kind or metadata.name is an error.
   */
  static List<ManifestObject> parse(Path file) {
    List<ManifestObject> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents =
        YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue;
        }
        objects.add(toObject(file, document, objects.size() + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file + " as YAML", e);
    }
    return objects;
  }

  private static ManifestObject toObject(Path file, JsonNode document, int position) {
    String where = file + " object " + position;
    JsonNode namespace = document.at("/metadata/namespace");
    return new ManifestObject(
        file,
        requiredText(document, "/apiVersion", where),
        requiredText(document, "/kind", where),
        requiredText(document, "/metadata/name", where),
        namespace.isTextual() ? namespace.asText() : null,
        document);
  }

  private static String requiredText(JsonNode document, String pointer, String where) {
    JsonNode value = document.at(pointer);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException(where + " has no " + pointer);
    }
    return value.asText();
  }

  /** Reads a YAML document held in a string, such as a ConfigMap's pinniped.yaml. */
  static JsonNode parseYaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not YAML: " + e.getOriginalMessage(), e);
    }
  }

  /** Converts an object to its fabric8 model type, such as a Deployment. */
  static <T> T as(ManifestObject object, Class<T> type) {
    try {
      return JSON.treeToValue(object.body(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          object + " in " + object.file() + " is not a valid " + type.getSimpleName(), e);
    }
  }

  List<ManifestObject> all() {
    return objects;
  }

  List<ManifestObject> ofKind(String kind) {
    return objects.stream().filter(o -> o.kind().equals(kind)).toList();
  }

  Optional<ManifestObject> find(String kind, String name) {
    return objects.stream().filter(o -> o.is(kind, name)).findFirst();
  }

  /** The one object of that kind and name; fails when there is none. */
  ManifestObject get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in deploy/"));
  }
}
