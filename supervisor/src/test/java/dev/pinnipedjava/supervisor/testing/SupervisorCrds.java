package dev.pinnipedjava.supervisor.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Installs the Supervisor's committed CRDs ({@code deploy/supervisor/crds}) into an API server. */
public final class SupervisorCrds {
  private SupervisorCrds() {}

  /** Applies every CRD (server-side, so reruns are harmless) and waits until each is served. */
  public static void install(KubernetesClient client) {
    Path directory =
        Path.of(System.getProperty("basedir", ""))
            .toAbsolutePath()
            .resolveSibling("deploy")
            .resolve("supervisor/crds");
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        CustomResourceDefinition crd =
            client
                .getKubernetesSerialization()
                .unmarshal(Files.readString(file), CustomResourceDefinition.class);
        client.resource(crd).forceConflicts().serverSideApply();
        names.add(crd.getMetadata().getName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRDs in " + directory, e);
    }
    await("Supervisor CRDs established")
        .atMost(Duration.ofSeconds(60))
        .until(() -> names.stream().allMatch(name -> established(client, name)));
  }

  public static void createNamespace(KubernetesClient client, String namespace) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .serverSideApply();
  }

  private static boolean established(KubernetesClient client, String name) {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
  }
}
