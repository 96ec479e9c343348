package dev.pinnipedjava.e2e.mainjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code hack/up.sh} as a user would (the build step skipped: this build made the classes),
 * twice, then {@code hack/down.sh}, in a state directory of its own, and checks that nothing it
 * started is left running.
 */
class UpDownScriptsE2E {
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);

  @TempDir Path temp;

  private Path stateDir;

  @BeforeEach
  void stateDirectory() {
    stateDir = temp.resolve("state");
  }

  /** Safe when nothing runs: stops what a failed assertion left. */
  @AfterEach
  void down() throws Exception {
    run("hack/down.sh");
  }

  @Test
  void upLogsTheDemoUserInThenASecondUpReusesItAndDownStopsEverything() throws Exception {
    Run first = run("hack/up.sh");
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output())
        .contains("==> start Dex, the Supervisor and the Concierge ... done")
        .contains("kube-system")
        .contains("pinny@example.com")
        .contains("Stop everything with: hack/down.sh");
    assertThat(first.output())
        .doesNotContain(Files.readString(stateDir.resolve("stack/demo-password")).strip());
    long stackPid = Long.parseLong(Files.readString(stateDir.resolve("stack/pid")).strip());

    Run second = run("hack/up.sh");
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.output())
        .contains("Dex, the Supervisor and the Concierge are running")
        .contains("kube-system");
    assertThat(Long.parseLong(Files.readString(stateDir.resolve("stack/pid")).strip()))
        .isEqualTo(stackPid);

    Run down = run("hack/down.sh");
    assertThat(down.exitCode()).as(down.output()).isZero();
    assertThat(ProcessHandle.of(stackPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(processesUsing(stateDir)).as("processes left running").isEmpty();
  }

  private record Run(int exitCode, String output) {}

  private Run run(String script) throws IOException, InterruptedException {
    Path root = repositoryRoot();
    Path log = Files.createTempFile(temp, "script-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(List.of("bash", root.resolve(script).toString()))
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("PINNIPED_JAVA_STATE_DIR", stateDir.toString());
    builder
        .environment()
        .put("PINNIPED_JAVA_STACK_CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().remove("KUBECONFIG");
    Process process = builder.start();
    if (!process.waitFor(UP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.err.println("--- " + script + ":\n" + output);
    return new Run(process.exitValue(), output);
  }

  /**
   * Processes whose command line names the state directory (etcd, kube-apiserver, Dex, the stack).
   */
  private static List<String> processesUsing(Path stateDir) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(handle -> handle.info().commandLine().orElse(""))
        .filter(commandLine -> commandLine.contains(stateDir.toString()))
        .toList();
  }

  private static Path repositoryRoot() {
    String root = System.getProperty("pinniped.repositoryRoot");
    assertThat(root)
        .as("system property pinniped.repositoryRoot (set by the test-e2e pom for surefire)")
        .isNotNull();
    return Path.of(root == null ? "" : root).toAbsolutePath().normalize();
  }
}
