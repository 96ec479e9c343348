package dev.pinnipedjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built launcher as a separate process with exactly the given environment (plus PATH), and
 * makes "the launcher started the JVM" observable: with {@link #withoutJvm} the launcher finds a
 * java that only reports that it was started.
 */
final class LauncherProcess {

  /** The exit code of the stand-in java. */
  static final int JVM_STARTED = 97;

  static final String JVM_STARTED_MESSAGE = "the launcher started the JVM";

  record Result(int exitCode, String stdout, String stderr) {
    boolean startedTheJvm() {
      return exitCode == JVM_STARTED && stderr.contains(JVM_STARTED_MESSAGE);
    }
  }

  private LauncherProcess() {}

  /** A JAVA_HOME whose java prints {@link #JVM_STARTED_MESSAGE} and exits {@link #JVM_STARTED}. */
  static Path withoutJvm(Path directory) throws IOException {
    Path java = Files.createDirectories(directory.resolve("bin")).resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\necho '%s' >&2\nexit %d\n".formatted(JVM_STARTED_MESSAGE, JVM_STARTED),
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    return directory;
  }

  /** The JAVA_HOME of the JVM running the tests. */
  static Path realJavaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  static Result run(List<String> args, Map<String, String> env, Path javaHome)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Distribution.launcher().toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("JAVA_HOME", javaHome.toString());
    builder.environment().putAll(env);
    Process process =
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    byte[] stdout = process.getInputStream().readAllBytes();
    byte[] stderr = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Result(
        process.exitValue(),
        new String(stdout, StandardCharsets.UTF_8),
        new String(stderr, StandardCharsets.UTF_8));
  }
}
