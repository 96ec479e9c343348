package dev.pinnipedjava.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubectlResult;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recipes in deploy/README.md, run as written: the image, replica and namespace overlays and
 * the API group suffix script, against the real kubectl and API server.
 */
@WithKubeControlPlane
class ReadmeRecipesE2E {

  private static final DeployDirectory DEPLOY = DeployDirectory.find();
  private static final Readme README = Readme.read(DEPLOY);
  private static final String BASE_IN_README = "../pinniped-java/deploy/concierge";
  private static final String NEW_NAMESPACE = "my-concierge";
  private static final String NEW_SUFFIX = "example.com";
  private static final Path WORK = Path.of("target", "readme-recipes").toAbsolutePath();

  @BeforeAll
  static void installCrds(KubeControlPlane kube) {
    Installation.crds(new AdminKubectl(kube), DEPLOY);
  }

  /**
   * The renamed CRDs would otherwise show up in every later listing of the pinniped category. Their
   * deletion is not awaited: the API server's CRD finalizer may retry for minutes while the new
   * resources' storage initializes, and no test depends on them being gone.
   */
  @AfterAll
  static void removeRenamedCrds(KubeControlPlane kube) {
    AdminKubectl kubectl = new AdminKubectl(kube);
    String crds = kubectl.succeed("get", "crd", "-o", "name");
    List<String> renamed =
        crds.lines()
            .filter(
                n ->
                    n.endsWith(".supervisor." + NEW_SUFFIX)
                        || n.endsWith(".concierge." + NEW_SUFFIX))
            .toList();
    if (!renamed.isEmpty()) {
      List<String> args = new ArrayList<>(List.of("delete", "--wait=false"));
      args.addAll(renamed);
      kubectl.succeed(args.toArray(String[]::new));
    }
  }

  @Test
  void imageAndReplicasOverlayChangesBoth(KubeControlPlane kube) {
    List<ManifestObject> rendered =
        render(new AdminKubectl(kube), "image-and-replicas", README.blockContaining("newName:"));

    JsonNode deployment = find(rendered, "Deployment", "pinniped-concierge").body();
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("registry.example.com/pinniped-java-server:0.1.0");
  }

  @Test
  void namespaceOverlayMovesTheAppButNotItsGrantsInSystemNamespaces(KubeControlPlane kube) {
    AdminKubectl kubectl = new AdminKubectl(kube);
    List<ManifestObject> rendered =
        render(kubectl, "namespace", README.blockContaining("namespace: " + NEW_NAMESPACE));
    List<ManifestObject> base =
        Manifests.load(
                DEPLOY.manifestFiles().stream()
                    .filter(f -> f.startsWith(DEPLOY.app("concierge")))
                    .toList())
            .all();

    assertThat(
            rendered.stream().filter(o -> o.kind().equals("Namespace")).map(ManifestObject::name))
        .containsExactly(NEW_NAMESPACE);
    assertThat(rendered.stream().map(ManifestObject::namespace).filter(Objects::nonNull).distinct())
        .containsExactlyInAnyOrder(NEW_NAMESPACE, "kube-system", "kube-public");
    assertThat(inSystemNamespaces(rendered)).isEqualTo(inSystemNamespaces(base));
    assertThat(
            rendered.stream()
                .flatMap(o -> stream(o.body().path("subjects")))
                .filter(s -> s.path("kind").asText().equals("ServiceAccount"))
                .map(s -> s.path("namespace").asText())
                .distinct())
        .containsExactly(NEW_NAMESPACE);
    assertThat(
            rendered.stream()
                .filter(o -> o.kind().equals("APIService"))
                .map(o -> o.body().at("/spec/service/namespace").asText())
                .distinct())
        .containsExactly(NEW_NAMESPACE);

    // The objects in the new namespace can only be checked once it exists.
    kubectl.succeedWithInput(
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
            + NEW_NAMESPACE
            + "\"}}",
        "apply",
        "-f",
        "-");
    kubectl.succeed(
        "apply",
        "--dry-run=server",
        "-f",
        WORK.resolve("namespace").resolve("rendered.yaml").toString());
  }

  /**
   * Runs the README's script for each app. Only its last step is changed, to a server-side dry run:
   * installing a second copy for real would replace the roles other tests check.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"concierge", "supervisor"})
  void apiGroupSuffixScriptRenamesEveryGroup(String app, KubeControlPlane kube)
      throws IOException, InterruptedException {
    String script =
        README
            .blockContaining("suffix=" + NEW_SUFFIX)
            .replaceAll("(?<!\\()concierge", app)
            .replace(
                "kubectl apply -f " + app + ".yaml",
                "kubectl apply --dry-run=server -f " + app + ".yaml");
    assertThat(script).as("the README's script for %s", app).contains("--dry-run=server");
    Path dir = Files.createDirectories(WORK.resolve("suffix-" + app));
    Files.deleteIfExists(dir.resolve("deploy"));
    Files.createSymbolicLink(dir.resolve("deploy"), DEPLOY.root());

    KubectlResult result = runBash(script, dir, kube);

    assertThat(result.exitCode())
        .as("the script's exit code; stderr:%n%s", result.stderr())
        .isZero();
    String crds = Files.readString(dir.resolve(app + "-crds.yaml"));
    String objects = Files.readString(dir.resolve(app + ".yaml"));
    assertThat(crds + objects).doesNotContainPattern("(concierge|supervisor)\\.pinniped\\.dev");
    assertThat(objects).containsPattern("(?m)^ *apiGroupSuffix: " + NEW_SUFFIX + "$");
    assertThat(crds).contains("." + app + "." + NEW_SUFFIX);
  }

  private static KubectlResult runBash(String script, Path dir, KubeControlPlane kube)
      throws IOException, InterruptedException {
    Path out = dir.resolve("script.out");
    Path err = dir.resolve("script.err");
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> env = builder.environment();
    env.put("PATH", kube.binariesDirectory() + File.pathSeparator + env.getOrDefault("PATH", ""));
    env.put("KUBECONFIG", kube.adminKubeconfig().toString());
    env.put("KUBECACHEDIR", dir.resolve("kube-cache").toString());
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the README's script did not finish within 2 minutes");
    }
    return new KubectlResult(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Writes the README's overlay beside a copy pointing at this repository, and renders it. */
  private static List<ManifestObject> render(AdminKubectl kubectl, String name, String overlay) {
    try {
      Path dir = Files.createDirectories(WORK.resolve(name));
      String base = dir.relativize(DEPLOY.app("concierge")).toString();
      assertThat(overlay).as("the README's overlay").contains(BASE_IN_README);
      Files.writeString(
          dir.resolve(DeployDirectory.KUSTOMIZATION), overlay.replace(BASE_IN_README, base));
      Path rendered = dir.resolve("rendered.yaml");
      Files.writeString(rendered, kubectl.succeed("kustomize", dir.toString()));
      return Manifests.parse(rendered);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the overlay " + name, e);
    }
  }

  private static ManifestObject find(List<ManifestObject> objects, String kind, String name) {
    return objects.stream().filter(o -> o.is(kind, name)).findFirst().orElseThrow();
  }

  private static List<String> inSystemNamespaces(List<ManifestObject> objects) {
    return objects.stream()
        .filter(o -> "kube-system".equals(o.namespace()) || "kube-public".equals(o.namespace()))
        .map(ManifestObject::toString)
        .sorted()
        .toList();
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }
}
