package dev.pinnipedjava.e2e.login;

import dev.pinnipedjava.e2e.stack.ControlPlaneAccess;
import dev.pinnipedjava.e2e.stack.IssuerSpec;
import dev.pinnipedjava.e2e.stack.LocalStack;
import dev.pinnipedjava.e2e.stack.StackSettings;
import dev.pinnipedjava.e2e.stack.UpstreamProvider;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubeControlPlaneExtension;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneLayout;
import dev.pinnipedjava.testkit.dex.DexUser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link LocalStack} parameters: one stack per test JVM beside the test kit's control
 * plane, stopped when the run ends. Its users, providers and issuers serve every e2e class.
 */
final class LocalStackExtension implements ParameterResolver {
  static final String PASSWORD = "pinny-e2e-password-1";
  static final DexUser USER = DexUser.of("pinny", PASSWORD);

  /** One provider with the password grant, one without. */
  static final String DEX = "dex";

  static final String DEX_BROWSER_ONLY = "dex-browser-only";

  /** The issuer with {@link #DEX} only, and its two cluster audiences. */
  static final String ISSUER = "e2e";

  static final String AUDIENCE_A = "cluster-a";
  static final String AUDIENCE_B = "cluster-b";

  /** The issuer offering both providers (the chooser page). */
  static final String CHOOSER_ISSUER = "chooser";

  static final String CHOOSER_AUDIENCE = "cluster-c";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalStackExtension.class);

  private record Shared(LocalStack stack) implements AutoCloseable {
    @Override
    public void close() {
      stack.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalStack.class;
  }

  @Override
  public LocalStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
    KubeControlPlane kube = new KubeControlPlaneExtension().resolveParameter(parameter, context);
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(LocalStack.class, key -> new Shared(start(kube)), Shared.class)
        .stack();
  }

  private static LocalStack start(KubeControlPlane kube) {
    StackSettings settings =
        new StackSettings(
            ControlPlaneAccess.of(
                new ControlPlaneLayout(kube.runDirectory()),
                kube.apiServerUrl(),
                kube.binariesDirectory().resolve("kubectl")),
            Repository.root().resolve("deploy"),
            kube.runDirectory().resolve("stack"),
            List.of(USER),
            List.of(new UpstreamProvider(DEX, true), new UpstreamProvider(DEX_BROWSER_ONLY, false)),
            List.of(
                new IssuerSpec(ISSUER, List.of(DEX), List.of(AUDIENCE_A, AUDIENCE_B)),
                new IssuerSpec(
                    CHOOSER_ISSUER, List.of(DEX, DEX_BROWSER_ONLY), List.of(CHOOSER_AUDIENCE))));
    long started = System.nanoTime();
    LocalStack stack =
        LocalStack.start(settings, step -> System.err.println("local stack: " + step));
    System.err.printf("local stack: ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    return stack;
  }

  /** The repository, from the system property the pom sets. */
  static final class Repository {
    private Repository() {}

    static Path root() {
      String root = System.getProperty("pinniped.repositoryRoot");
      if (root == null) {
        throw new IllegalStateException(
            "system property pinniped.repositoryRoot is unset (the test-e2e pom sets it for surefire)");
      }
      return Path.of(root).toAbsolutePath().normalize();
    }

    static Path cli() {
      String distribution = System.getProperty("pinniped.distribution");
      Path launcher =
          Path.of(distribution == null ? "cli/target/pinniped-java" : distribution)
              .resolve("bin/pinniped-java");
      if (!launcher.toFile().canExecute()) {
        throw new IllegalStateException(
            launcher
                + " is missing: build the CLI first (./mvnw -pl cli,test-e2e verify builds it in"
                + " the same run)");
      }
      return launcher;
    }
  }
}
