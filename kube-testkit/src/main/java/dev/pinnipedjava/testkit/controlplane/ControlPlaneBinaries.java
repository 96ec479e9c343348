package dev.pinnipedjava.testkit.controlplane;

import dev.pinnipedjava.testkit.loopback.MissingPartException;
import dev.pinnipedjava.testkit.loopback.ProvisioningScript;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The directory holding the etcd, kube-apiserver and kubectl executables. */
public record ControlPlaneBinaries(Path directory) {
  /** Environment variable naming a directory that already holds the three binaries. */
  public static final String DIRECTORY_VARIABLE = "PINNIPED_CONTROL_PLANE_DIR";

  /** The script, relative to the repository root, that provides the binaries. */
  public static final String SCRIPT = "hack/control-plane-binaries.sh";

  private static final List<String> EXECUTABLES = List.of("etcd", "kube-apiserver", "kubectl");
  private static final ProvisioningScript PROVISIONING = new ProvisioningScript(SCRIPT);

  public ControlPlaneBinaries {
    directory = directory.toAbsolutePath().normalize();
    for (String executable : EXECUTABLES) {
      if (!Files.isExecutable(directory.resolve(executable))) {
        throw new ControlPlaneException(
            "control-plane binaries directory " + directory + " has no executable " + executable);
      }
    }
  }

  public Path etcd() {
    return directory.resolve("etcd");
  }

  public Path kubeApiserver() {
    return directory.resolve("kube-apiserver");
  }

  public Path kubectl() {
    return directory.resolve("kubectl");
  }

  /**
   * Uses {@value #DIRECTORY_VARIABLE} when set; otherwise finds the repository root above {@code
   * workingDirectory} and runs {@value #SCRIPT}, forwarding its progress messages to {@code
   * progress} and taking the last line it prints as the directory.
   */
  public static ControlPlaneBinaries locate(
      Function<String, @Nullable String> environment, Path workingDirectory, PrintStream progress) {
    String configured = environment.apply(DIRECTORY_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return new ControlPlaneBinaries(Path.of(configured));
    }
    Path repositoryRoot =
        PROVISIONING
            .repositoryRoot(workingDirectory)
            .orElseThrow(
                () ->
                    new ControlPlaneException(
                        "cannot find the control-plane binaries: "
                            + DIRECTORY_VARIABLE
                            + " is not set and no directory above "
                            + workingDirectory.toAbsolutePath()
                            + " contains "
                            + SCRIPT));
    return new ControlPlaneBinaries(runScript(repositoryRoot, progress));
  }

  private static Path runScript(Path repositoryRoot, PrintStream progress) {
    try {
      return Path.of(PROVISIONING.run(repositoryRoot, progress));
    } catch (MissingPartException e) {
      throw new ControlPlaneException(
          "cannot obtain the control-plane binaries: " + e.getMessage(), e);
    }
  }
}
