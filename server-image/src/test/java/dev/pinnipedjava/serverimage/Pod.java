package dev.pinnipedjava.serverimage;

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
 * system: the downward API's podinfo, the service account's token, CA and namespace, the hosts
 * file, the ConfigMap's config file; and the environment it sets.
 */
final class Pod {
  static final String SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

  private final Path rootfs;
  private final String namespace;
  private final String name;

  Pod(Path rootfs, String namespace, String name, Map<String, String> labels) {
    this.rootfs = rootfs;
    this.namespace = namespace;
    this.name = name;
    StringBuilder labelLines = new StringBuilder();
    labels.forEach(
        (key, value) -> labelLines.append(key).append("=\"").append(value).append("\"\n"));
    file("/etc/podinfo/namespace", namespace);
    file("/etc/podinfo/name", name);
    file("/etc/podinfo/labels", labelLines.toString());
    file("/etc/hostname", name + "\n");
    file("/etc/hosts", "127.0.0.1\tlocalhost\n127.0.0.1\t" + name + "\n");
  }

  String name() {
    return name;
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
