package dev.pinnipedjava.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in deploy/ holds Kubernetes objects, and every kustomization installs all of them. */
class ManifestFilesTest {

  private static final DeployDirectory DEPLOY = DeployDirectory.find();

  static Stream<FileCase> manifestFiles() {
    return DEPLOY.manifestFiles().stream().map(f -> FileCase.of(DEPLOY, f));
  }

  static Stream<FileCase> kustomizations() {
    return DEPLOY.kustomizations().stream().map(d -> FileCase.of(DEPLOY, d));
  }

  @Test
  void bothAppsCanBeInstalledWithKustomize() {
    assertThat(DEPLOY.kustomizations()).contains(DEPLOY.app("concierge"), DEPLOY.app("supervisor"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifestFiles")
  void everyManifestHoldsKubernetesObjects(FileCase c) {
    List<ManifestObject> objects = Manifests.parse(c.path());

    assertThat(objects).as("objects in %s", c.name()).isNotEmpty();
    assertThat(objects)
        .allSatisfy(
            o -> {
              assertThat(o.apiVersion()).as("apiVersion of %s", o).matches("([a-z0-9.-]+/)?v\\w+");
              assertThat(o.name()).as("name of %s", o).matches("[a-z0-9:.-]+");
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kustomizations")
  void kustomizationListsEveryManifestBesideIt(FileCase c) throws IOException {
    JsonNode kustomization =
        Manifests.parseYaml(Files.readString(c.path().resolve(DeployDirectory.KUSTOMIZATION)));
    List<String> listed = new ArrayList<>();
    // An overlay names its base directory; the rule is about the manifest files beside it.
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));
    listed.removeIf(resource -> Files.isDirectory(c.path().resolve(resource)));

    List<String> present =
        DEPLOY.manifestFiles().stream()
            .filter(f -> f.startsWith(c.path()))
            .map(f -> c.path().relativize(f).toString())
            .toList();

    assertThat(listed).as("resources of %s", c.name()).containsExactlyInAnyOrderElementsOf(present);
  }
}
