package dev.pinnipedjava.controller.podinfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the pod knows of itself through the downward API ({@code /etc/podinfo}): its namespace, name
 * and labels. Both servers' Deployments mount it.
 *
 * @param name the pod name; null off-cluster
 */
public record PodInfo(String namespace, @Nullable String name, Map<String, String> labels) {
  public PodInfo {
    labels = Map.copyOf(labels);
  }

  /**
   * Reads {@code namespace} (required), {@code name} and {@code labels} from {@code directory}.
   *
   * @throws IllegalArgumentException when the namespace is missing or a file cannot be read
   */
  public static PodInfo read(Path directory) {
    String namespace = file(directory, "namespace");
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("podinfo " + directory + " has no namespace file");
    }
    String name = file(directory, "name");
    String labels = file(directory, "labels");
    return new PodInfo(
        namespace.trim(),
        name == null || name.isBlank() ? null : name.trim(),
        labels == null ? Map.of() : parseLabels(labels));
  }

  /** The downward API's labels format: one {@code key="value"} per line. */
  public static Map<String, String> parseLabels(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int equals = line.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String value = line.substring(equals + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      labels.put(line.substring(0, equals).trim(), value);
    }
    return labels;
  }

  private static @Nullable String file(Path directory, String name) {
    try {
      return Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read podinfo file " + directory.resolve(name) + ": " + e.getMessage(), e);
    }
  }
}
