package dev.pinnipedjava.testkit;

import dev.pinnipedjava.testkit.controlplane.ControlPlaneBinaries;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link KubeControlPlane} parameters. The control plane starts on first use, once per
 * test JVM, and stops when the test run ends (it lives in the root store as an {@link
 * AutoCloseable}).
 */
public final class KubeControlPlaneExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubeControlPlaneExtension.class);
  private static final DateTimeFormatter RUN_NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  /** The store entry; closing it stops the control plane. */
  private record Shared(KubeControlPlane controlPlane) implements AutoCloseable {
    @Override
    public void close() {
      controlPlane.stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KubeControlPlane.class;
  }

  @Override
  public KubeControlPlane resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(KubeControlPlane.class, key -> start(), Shared.class)
        .controlPlane();
  }

  private static Shared start() {
    PrintStream err = System.err;
    Path workingDirectory = Path.of("").toAbsolutePath();
    ControlPlaneBinaries binaries =
        ControlPlaneBinaries.locate(System::getenv, workingDirectory, err);
    KubeControlPlane controlPlane =
        KubeControlPlane.start(binaries, runDirectory(workingDirectory));
    err.println(
        "kube-testkit: kube-apiserver "
            + controlPlane.version()
            + " ready in "
            + controlPlane.startupTime().toMillis()
            + " ms at "
            + controlPlane.apiServerUrl()
            + " (run directory "
            + controlPlane.runDirectory()
            + ")");
    return new Shared(controlPlane);
  }

  /** Under the module's {@code target} when there is one, else under the temp directory. */
  private static Path runDirectory(Path workingDirectory) {
    Path target = workingDirectory.resolve("target");
    Path parent =
        Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
    String name =
        "kube-testkit-"
            + LocalDateTime.now(ZoneOffset.UTC).format(RUN_NAME)
            + "-"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    return parent.resolve(name);
  }
}
