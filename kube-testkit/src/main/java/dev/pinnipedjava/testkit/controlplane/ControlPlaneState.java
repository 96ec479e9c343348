package dev.pinnipedjava.testkit.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a started control plane records about itself in {@code state.json}, so that a later command
 * (status, down, a test in another JVM) can find it. The file carries a schema version.
 */
public record ControlPlaneState(
    URI apiServerUrl,
    URI etcdUrl,
    String kubernetesVersion,
    Instant startedAt,
    Duration startupTime) {

  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("schemaVersion", SCHEMA_VERSION);
    node.put("apiServerUrl", apiServerUrl.toString());
    node.put("etcdUrl", etcdUrl.toString());
    node.put("kubernetesVersion", kubernetesVersion);
    node.put("startedAt", startedAt.toString());
    node.put("startupMillis", startupTime.toMillis());
    return node.toPrettyString() + "\n";
  }

  public static ControlPlaneState fromJson(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      throw new ControlPlaneException("control-plane state is not JSON", e);
    }
    int schemaVersion = node.path("schemaVersion").asInt(-1);
    if (schemaVersion != SCHEMA_VERSION) {
      throw new ControlPlaneException(
          "control-plane state has schema version "
              + schemaVersion
              + "; this kit reads version "
              + SCHEMA_VERSION);
    }
    try {
      return new ControlPlaneState(
          URI.create(text(node, "apiServerUrl")),
          URI.create(text(node, "etcdUrl")),
          text(node, "kubernetesVersion"),
          Instant.parse(text(node, "startedAt")),
          Duration.ofMillis(node.path("startupMillis").asLong()));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new ControlPlaneException(
          "control-plane state has a malformed field: " + e.getMessage(), e);
    }
  }

  public void writeTo(Path file) {
    try {
      Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The recorded state, or empty when none was written. */
  public static Optional<ControlPlaneState> readFrom(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromJson(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new ControlPlaneException("control-plane state lacks the text field " + field);
    }
    return value.asText();
  }
}
