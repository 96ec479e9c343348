package dev.pinnipedjava.serverimage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What deploy/&lt;app&gt; says about the app's container: its image, arguments, environment, user
 * and resource limits (deployment.yaml), and its config file (the ConfigMap in config.yaml).
 */
final class AppManifest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, Long> BINARY_SUFFIXES =
      Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30);

  /** A volume the container mounts at {@code path}. */
  record Mount(String path, JsonNode volume) {}

  private final Path directory;
  private final JsonNode podSpec;
  private final JsonNode container;

  private AppManifest(Path directory, JsonNode podSpec) {
    this.directory = directory;
    this.podSpec = podSpec;
    this.container = podSpec.path("containers").get(0);
  }

  /** Reads deploy/{@code app}. */
  static AppManifest read(Path deploy, String app) {
    Path directory = deploy.resolve(app);
    return new AppManifest(
        directory,
        yaml(directory.resolve("deployment.yaml")).path("spec").path("template").path("spec"));
  }

  Path directory() {
    return directory;
  }

  String image() {
    return container.path("image").asText();
  }

  List<String> arguments() {
    List<String> arguments = new ArrayList<>();
    container.path("args").forEach(argument -> arguments.add(argument.asText()));
    return arguments;
  }

  /** The container's environment, {@code NAME=value} each. */
  List<String> environment() {
    List<String> environment = new ArrayList<>();
    container
        .path("env")
        .forEach(
            variable ->
                environment.add(
                    variable.path("name").asText() + "=" + variable.path("value").asText()));
    return environment;
  }

  /** {@code uid:gid} from the container's security context. */
  String user() {
    JsonNode context = container.path("securityContext");
    return context.path("runAsUser").asText("65532")
        + ":"
        + context.path("runAsGroup").asText("65532");
  }

  long memoryLimitBytes() {
    String quantity = container.path("resources").path("limits").path("memory").asText();
    String suffix = quantity.length() > 2 ? quantity.substring(quantity.length() - 2) : "";
    Long unit = BINARY_SUFFIXES.get(suffix);
    return unit == null
        ? Long.parseLong(quantity)
        : Long.parseLong(quantity.substring(0, quantity.length() - 2)) * unit;
  }

  long cpuLimitMillis() {
    String quantity = container.path("resources").path("limits").path("cpu").asText();
    return quantity.endsWith("m")
        ? Long.parseLong(quantity.substring(0, quantity.length() - 1))
        : Long.parseLong(quantity) * 1000;
  }

  /** The container's volume mounts with their volumes. */
  List<Mount> mounts() {
    List<Mount> mounts = new ArrayList<>();
    for (JsonNode mount : container.path("volumeMounts")) {
      String name = mount.path("name").asText();
      JsonNode volume = null;
      for (JsonNode candidate : podSpec.path("volumes")) {
        if (candidate.path("name").asText().equals(name)) {
          volume = candidate;
        }
      }
      if (volume == null) {
        throw new IllegalStateException("deployment.yaml mounts no volume named " + name);
      }
      mounts.add(new Mount(mount.path("mountPath").asText(), volume));
    }
    return mounts;
  }

  /** The name of the ConfigMap in config.yaml. */
  String configMapName() {
    return yaml(directory.resolve("config.yaml")).path("metadata").path("name").asText();
  }

  /** A new copy of the app's config file, {@code pinniped.yaml} of its ConfigMap. */
  ObjectNode config() {
    try {
      return (ObjectNode)
          YAML.readTree(
              yaml(directory.resolve("config.yaml")).path("data").path("pinniped.yaml").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
