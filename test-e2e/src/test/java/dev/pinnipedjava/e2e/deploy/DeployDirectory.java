package dev.pinnipedjava.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The repository's {@code deploy/} folder, found by walking up from the working directory, and the
 * files in it. Listings are sorted, so tests over them have a stable order.
 */
record DeployDirectory(Path repository) {

  static final String KUSTOMIZATION = "kustomization.yaml";

  static DeployDirectory find() {
    Path start = Path.of("").toAbsolutePath();
    for (@Nullable Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("mvnw"))) {
        return new DeployDirectory(dir);
      }
    }
    throw new IllegalStateException(
        "no deploy/ folder beside mvnw in " + start + " or any folder above it");
  }

  Path root() {
    return repository.resolve("deploy");
  }

  /** The folder of one app, such as {@code concierge}. */
  Path app(String name) {
    return root().resolve(name);
  }

  /** Every YAML file that holds Kubernetes objects, in every folder below deploy/. */
  List<Path> manifestFiles() {
    return walk().filter(DeployDirectory::isYaml).filter(f -> !isKustomization(f)).toList();
  }

  /** Every folder below deploy/ that kubectl apply -k can install. */
  List<Path> kustomizations() {
    return walk().filter(DeployDirectory::isKustomization).map(Path::getParent).toList();
  }

  /** The CustomResourceDefinition files, which live in the crds/ folder of each app. */
  List<Path> crdFiles() {
    return manifestFiles().stream()
        .filter(
            f -> {
              Path relative = root().relativize(f);
              int folder = relative.getNameCount() - 2;
              return folder >= 0 && relative.getName(folder).toString().equals("crds");
            })
        .toList();
  }

  /** A path relative to the repository root, as people write it: deploy/concierge/rbac.yaml. */
  String display(Path file) {
    return repository.relativize(file).toString();
  }

  private Stream<Path> walk() {
    try (Stream<Path> files = Files.walk(root())) {
      return files.filter(Files::isRegularFile).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root(), e);
    }
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static boolean isKustomization(Path file) {
    return file.getFileName().toString().equals(KUSTOMIZATION);
  }
}
