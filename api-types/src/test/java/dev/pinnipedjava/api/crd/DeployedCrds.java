package dev.pinnipedjava.api.crd;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The committed CRD manifests under {@code deploy/}, and installing them into an API server. */
final class DeployedCrds {
  static final Duration ESTABLISH_TIMEOUT = Duration.ofSeconds(60);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private DeployedCrds() {}

  /** {@code deploy/concierge/crds} and {@code deploy/supervisor/crds}. */
  static List<Path> directories() {
    Path deploy =
        Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolveSibling("deploy");
    return List.of(deploy.resolve("concierge/crds"), deploy.resolve("supervisor/crds"));
  }

  /** Every committed CRD manifest, sorted. */
  static List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (Path directory : directories()) {
      try (Stream<Path> list = Files.list(directory)) {
        list.filter(file -> file.toString().endsWith(".yaml")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + directory, e);
      }
    }
    return files;
  }

  static CustomResourceDefinition read(Path file) {
    try {
      return SERIALIZATION.unmarshal(Files.readString(file), CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static boolean isEstablished(KubernetesClient client, String crdName) {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
  }

  /** Applies every committed CRD (server-side, so reruns are harmless) and waits for each. */
  static void install(KubernetesClient client) {
    List<String> names = new ArrayList<>();
    for (Path file : files()) {
      CustomResourceDefinition crd = read(file);
      client.resource(crd).forceConflicts().serverSideApply();
      names.add(crd.getMetadata().getName());
    }
    await("CRDs established")
        .atMost(ESTABLISH_TIMEOUT)
        .until(() -> names.stream().allMatch(name -> isEstablished(client, name)));
  }
}
