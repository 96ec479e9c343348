package dev.pinnipedjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script of the distribution, run as a separate process. */
class LauncherIT {

  @TempDir Path temp;

  record Run(int exitCode, String stdout, String stderr) {}

  private static Run run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    Process process =
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    byte[] stdout = process.getInputStream().readAllBytes();
    byte[] stderr = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        process.exitValue(),
        new String(stdout, StandardCharsets.UTF_8),
        new String(stderr, StandardCharsets.UTF_8));
  }

  @Test
  void theDistributionHoldsTheLauncherAndTheLibraries() throws IOException {
    Distribution.launcher();
    Path home = Distribution.home();

    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(Distribution.launcher())))
        .startsWith("rwx");
    try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
      assertThat(jars.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("dev.pinnipedjava.cli-") && name.endsWith(".jar"))
          .anyMatch(name -> name.startsWith("info.picocli.picocli-"))
          .anyMatch(
              name -> name.startsWith("com.fasterxml.jackson.dataformat.jackson-dataformat-yaml-"));
    }
  }

  @Test
  void runsThroughASymlinkOnThePathWithTheProjectVersion() throws Exception {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("pinniped-java"), Distribution.launcher());

    Run result =
        run(
            List.of("sh", "-c", "pinniped-java version"),
            Map.of("PATH", bin + ":" + System.getenv("PATH")));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .isEqualTo("v" + System.getProperty("pinniped.projectVersion") + "\n");
    assertThat(link).isSymbolicLink();
  }

  @Test
  void usesTheJavaOfJavaHome() throws Exception {
    Path fakeJavaHome = temp.resolve("jdk");
    Path java = Files.createDirectories(fakeJavaHome.resolve("bin")).resolve("java");
    Path marker = temp.resolve("used");
    Files.writeString(
        java,
        "#!/bin/sh\ntouch '%s'\nexec '%s' \"$@\"\n"
            .formatted(marker, Path.of(System.getProperty("java.home"), "bin", "java")));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));

    Run result =
        run(
            List.of(Distribution.launcher().toString(), "version"),
            Map.of("JAVA_HOME", fakeJavaHome.toString()));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(marker).exists();
  }

  @Test
  void jvmWarningsGoToStderrSoStdoutHoldsOnlyTheExecCredential() throws Exception {
    // Without the launcher's -Xlog settings this warning would be printed on stdout.
    Run result =
        run(
            List.of(Distribution.launcher().toString(), "login", "static", "--token", "t"),
            Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseLargePages", "XDG_CONFIG_HOME", temp.toString()));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
                + "\"spec\":{\"interactive\":false},\"status\":{\"token\":\"t\"}}\n");
    assertThat(result.stderr()).contains("UseLargePages");
  }

  @Test
  void errorsExitNonZeroWithAMessageAndNoStackTrace() throws Exception {
    Run result = run(List.of(Distribution.launcher().toString(), "login", "static"), Map.of());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).isEqualTo("Error: one of --token or --token-env must be set\n");
  }
}
