package dev.pinnipedjava.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs in {@code deploy/} are exactly what the Java types generate, byte for byte: a change to
 * api-types without regenerating them fails the build.
 */
class GeneratedCrdsAreCommittedTest {
  private static final String FIX = "the CRDs in deploy/ are stale: run hack/update-crds.sh";

  @Test
  void deployHoldsTheGeneratedCrds() throws IOException {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    Path generated = module.resolve("target/generated-crds");
    Path deploy = module.resolveSibling("deploy");
    assertThat(generated)
        .as("the build writes the generated CRDs before the tests (process-test-classes)")
        .isDirectory();

    Map<String, String> want = crds(generated, "");
    Map<String, String> committed = new TreeMap<>();
    for (String component : new String[] {"concierge", "supervisor"}) {
      committed.putAll(crds(deploy.resolve(component).resolve("crds"), component + "/crds/"));
    }
    Map<String, String> wantUnderDeploy = new TreeMap<>();
    want.forEach((file, content) -> wantUnderDeploy.put(file.replaceFirst("/", "/crds/"), content));

    assertThat(committed.keySet()).as(FIX).isEqualTo(wantUnderDeploy.keySet());
    wantUnderDeploy.forEach(
        (file, content) ->
            assertThat(committed.get(file)).as(FIX + " (" + file + ")").isEqualTo(content));
  }

  private static Map<String, String> crds(Path dir, String prefix) throws IOException {
    Map<String, String> crds = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return crds;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        crds.put(
            prefix + dir.relativize(file).toString().replace('\\', '/'), Files.readString(file));
      }
    }
    return crds;
  }
}
