package dev.pinnipedjava.serverimage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The image tarball Jib writes (the format of {@code docker save}), unpacked: its manifest, its
 * config, and its layers applied in order into a root file system, as a container runtime does.
 */
final class ImageArchive {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final JsonNode manifest;
  private final JsonNode config;

  private ImageArchive(Path directory, JsonNode manifest, JsonNode config) {
    this.directory = directory;
    this.manifest = manifest;
    this.config = config;
  }

  /** Unpacks {@code tarball} into {@code directory}. */
  static ImageArchive open(Path tarball, Path directory) {
    try {
      Files.createDirectories(directory);
      Commands.succeed(List.of("tar", "-xf", tarball.toString(), "-C", directory.toString()));
      JsonNode manifests = JSON.readTree(directory.resolve("manifest.json").toFile());
      if (!manifests.isArray() || manifests.size() != 1) {
        throw new IllegalStateException("want one image in " + tarball + ", got " + manifests);
      }
      JsonNode manifest = manifests.get(0);
      JsonNode config = JSON.readTree(directory.resolve(manifest.path("Config").asText()).toFile());
      return new ImageArchive(directory, manifest, config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tarball, e);
    }
  }

  List<String> tags() {
    return strings(manifest.path("RepoTags"));
  }

  List<String> entrypoint() {
    return strings(config.path("config").path("Entrypoint"));
  }

  String user() {
    return config.path("config").path("User").asText();
  }

  /** Where the image's processes start, "/" when the image does not say. */
  String workingDirectory() {
    String directory = config.path("config").path("WorkingDir").asText("");
    return directory.isEmpty() ? "/" : directory;
  }

  /** The image's environment, {@code NAME=value} each. */
  List<String> environment() {
    return strings(config.path("config").path("Env"));
  }

  /** A new root file system with every layer applied, in {@code rootfs} (which must not exist). */
  Path unpack(Path rootfs) {
    try {
      Files.createDirectories(rootfs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String layer : strings(manifest.path("Layers"))) {
      // Layers of an image built from scratch hold no whiteout files: plain extraction applies
      // them.
      Commands.succeed(
          List.of(
              "tar",
              "-xf",
              directory.resolve(layer).toString(),
              "-C",
              rootfs.toString(),
              "--same-permissions",
              "--numeric-owner"));
    }
    return rootfs;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
