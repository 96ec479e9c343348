package dev.pinnipedjava.serverimage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the kubelet gives a pod of one of deploy/'s Deployments, written into an unpacked root file
 * system: the volumes the Deployment mounts (downward API, ConfigMap, emptyDir), the service
 * account's token, CA and namespace, the hosts file; and the environment it sets.
 */
final class Pod {
  static final String SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

  private final Path rootfs;
  private final String namespace;
  private final String name;
  private final Map<String, String> labels;
  private final List<String> scratchDirectories = new ArrayList<>();

  Pod(Path rootfs, String namespace, String name, Map<String, String> labels) {
    this.rootfs = rootfs;
    this.namespace = namespace;
    this.name = name;
    this.labels = Map.copyOf(labels);
    file("/etc/hostname", name + "\n");
    file("/etc/hosts", "127.0.0.1\tlocalhost\n127.0.0.1\t" + name + "\n");
  }

  String name() {
    return name;
  }

  /**
   * Mounts the Deployment's volumes: a downward API volume's files from this pod's name, namespace
   * and labels; a ConfigMap's data ({@code configMaps} by name); an emptyDir as a scratch
   * directory, which {@link #scratchDirectories()} lists for the container to mount.
   */
  Pod mount(List<AppManifest.Mount> mounts, Map<String, Map<String, String>> configMaps) {
    for (AppManifest.Mount mount : mounts) {
      JsonNode volume = mount.volume();
      if (volume.has("downwardAPI")) {
        volume
            .path("downwardAPI")
            .path("items")
            .forEach(
                item ->
                    file(
                        mount.path() + "/" + item.path("path").asText(),
                        field(item.path("fieldRef").path("fieldPath").asText())));
      } else if (volume.has("configMap")) {
        String configMap = volume.path("configMap").path("name").asText();
        Map<String, String> data = configMaps.get(configMap);
        if (data == null) {
          throw new IllegalArgumentException("no ConfigMap " + configMap + " for " + mount.path());
        }
        data.forEach((key, value) -> file(mount.path() + "/" + key, value));
      } else if (volume.has("emptyDir")) {
        scratchDirectories.add(mount.path());
      } else {
        throw new IllegalArgumentException("unsupported volume at " + mount.path() + ": " + volume);
      }
    }
    return this;
  }

  /** Where the container gets an empty, writable directory. */
  List<String> scratchDirectories() {
    return List.copyOf(scratchDirectories);
  }

  private String field(String fieldPath) {
    return switch (fieldPath) {
      case "metadata.name" -> name;
      case "metadata.namespace" -> namespace;
      case "metadata.labels" -> {
        StringBuilder lines = new StringBuilder();
        labels.forEach(
            (key, value) -> lines.append(key).append("=\"").append(value).append("\"\n"));
        yield lines.toString();
      }
      default -> throw new IllegalArgumentException("unsupported fieldPath " + fieldPath);
    };
  }

  /** Mounts the service account's credentials, as the kubelet's projected volume does. */
  Pod serviceAccount(String token, String apiServerCaPem) {
    file(SERVICE_ACCOUNT + "/token", token);
    file(SERVICE_ACCOUNT + "/ca.crt", apiServerCaPem);
    file(SERVICE_ACCOUNT + "/namespace", namespace);
    return this;
  }

  /** Writes {@code content} at {@code path} in the pod's file system, readable by every user. */
  Pod file(String path, String content) {
    Path file = rootfs.resolve(path.substring(1));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return this;
  }

  /**
   * The container's environment: the image's, the Deployment's, and the kubelet's ({@code HOSTNAME}
   * and the API server's address, which in-cluster clients read).
   */
  List<String> environment(List<String> image, List<String> deployment, URI apiServer) {
    List<String> environment = new ArrayList<>(image);
    environment.addAll(deployment);
    environment.add("HOSTNAME=" + name);
    environment.add("KUBERNETES_SERVICE_HOST=" + apiServer.getHost());
    environment.add("KUBERNETES_SERVICE_PORT=" + apiServer.getPort());
    return environment;
  }
}
