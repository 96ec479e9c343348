package dev.pinnipedjava.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns the CRDs fabric8 generated from api-types into the manifests committed under {@code
 * deploy/<component>/crds/<plural>.<group>.yaml}: completes their schemas ({@link
 * SchemaCompleter}), puts the printer columns in the order the Java type declares them, adds {@code
 * listKind}, and writes canonical YAML ({@link CrdYaml}).
 *
 * <p>Run by the build after the test classes compile: {@code CrdFinisher <fabric8 output dir>
 * <output dir>}.
 */
public final class CrdFinisher {
  private final SchemaCompleter completer = new SchemaCompleter();

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: CrdFinisher <fabric8 CRD dir> <output dir>");
    }
    new CrdFinisher().finishAll(Path.of(args[0]), Path.of(args[1]));
  }

  /** Finishes every {@code *.yml} of {@code generatedDir} into {@code outputDir}, replacing it. */
  void finishAll(Path generatedDir, Path outputDir) throws IOException {
    deleteYaml(outputDir);
    List<Path> generated;
    try (Stream<Path> files = Files.list(generatedDir)) {
      generated = files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
    }
    if (generated.isEmpty()) {
      throw new IllegalStateException("fabric8 generated no CRD in " + generatedDir);
    }
    for (Path file : generated) {
      ObjectNode crd = CrdYaml.read(Files.readString(file, StandardCharsets.UTF_8));
      String group = crd.path("spec").path("group").asText();
      Path target =
          outputDir
              .resolve(CustomResourceTypes.component(group))
              .resolve(
                  crd.path("spec").path("names").path("plural").asText() + "." + group + ".yaml");
      Files.createDirectories(target.getParent());
      Files.writeString(target, CrdYaml.write(finish(crd)), StandardCharsets.UTF_8);
    }
  }

  /** Finishes one generated CRD, in place; returns it. */
  ObjectNode finish(ObjectNode crd) {
    ObjectNode spec = object(crd.get("spec"), "spec");
    ObjectNode names = object(spec.get("names"), "spec.names");
    String kind = names.path("kind").asText();
    ArrayNode versions = spec.withArray("versions");
    if (versions.size() != 1) {
      throw new IllegalStateException(kind + " must have exactly one version");
    }
    ObjectNode version = object(versions.get(0), "spec.versions[0]");
    Class<? extends CustomResource<?, ?>> type =
        CustomResourceTypes.resolve(
            spec.path("group").asText(), version.path("name").asText(), kind);
    return finish(type, crd);
  }

  /** Finishes the generated CRD of a known type, in place; returns it. */
  ObjectNode finish(Class<? extends CustomResource<?, ?>> type, ObjectNode crd) {
    ObjectNode spec = object(crd.get("spec"), "spec");
    ObjectNode names = object(spec.get("names"), "spec.names");
    names.put("listKind", names.path("kind").asText() + "List");
    ObjectNode version = object(spec.withArray("versions").get(0), "spec.versions[0]");
    orderPrinterColumns(type, version);
    completer.completeCustomResource(
        type, object(version.path("schema").get("openAPIV3Schema"), "openAPIV3Schema of " + type));
    return crd;
  }

  private static void orderPrinterColumns(Class<?> type, ObjectNode version) {
    AdditionalPrinterColumn[] declared = type.getAnnotationsByType(AdditionalPrinterColumn.class);
    if (declared.length == 0) {
      return;
    }
    JsonNode generated = version.get("additionalPrinterColumns");
    ArrayNode ordered = version.putArray("additionalPrinterColumns");
    for (AdditionalPrinterColumn column : declared) {
      ObjectNode match = null;
      for (JsonNode candidate : generated) {
        if (candidate.path("name").asText().equals(column.name())) {
          match = (ObjectNode) candidate;
        }
      }
      if (match == null) {
        throw new IllegalStateException("fabric8 generated no printer column " + column.name());
      }
      if (match.path("priority").asInt() == 0) {
        match.remove("priority"); // the default; Pinniped's CRDs leave it out
      }
      ordered.add(match);
    }
  }

  private static void deleteYaml(Path outputDir) throws IOException {
    if (!Files.isDirectory(outputDir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(outputDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.delete(file);
      }
    }
  }

  private static ObjectNode object(JsonNode node, String where) {
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new IllegalStateException("the generated CRD has no object at " + where);
  }
}
