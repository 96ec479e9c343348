package dev.pinnipedjava.testkit;

import dev.pinnipedjava.testkit.controlplane.ControlPlaneBinaries;
import dev.pinnipedjava.testkit.loopback.RunDirectory;
import java.io.PrintStream;
import java.nio.file.Path;
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
        KubeControlPlane.start(binaries, RunDirectory.create("kube-testkit"));
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
}
