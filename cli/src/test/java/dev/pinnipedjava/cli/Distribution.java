package dev.pinnipedjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The built distribution (target/pinniped-java), which the build assembles before the tests. */
final class Distribution {

  private Distribution() {}

  /** The directory holding bin/ and lib/. */
  static Path home() {
    return Path.of(System.getProperty("pinniped.distribution", "target/pinniped-java"));
  }

  /** The launcher; fails the test, saying how to build it, when it is missing. */
  static Path launcher() {
    String directory = System.getProperty("pinniped.distribution");
    assertThat(directory)
        .as("system property pinniped.distribution (set by the cli pom's surefire configuration)")
        .isNotNull();
    Path launcher = Path.of(directory == null ? "" : directory, "bin", "pinniped-java");
    assertThat(Files.isExecutable(launcher))
        .as(
            "%s is missing: the Maven build assembles it in the process-classes phase; run"
                + " ./mvnw -pl cli verify (or test) rather than a test runner that skips that phase",
            launcher)
        .isTrue();
    return launcher;
  }
}
