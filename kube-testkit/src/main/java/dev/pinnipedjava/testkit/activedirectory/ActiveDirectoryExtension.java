package dev.pinnipedjava.testkit.activedirectory;

import java.io.PrintStream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link ActiveDirectoryServer} parameters. Samba's LDAP ports are fixed, so the server
 * starts on first use, once per test JVM, and stops when the test run ends (it lives in the root
 * store as an {@link AutoCloseable}). Tests share it: each should create users and groups of its
 * own names.
 */
public final class ActiveDirectoryExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ActiveDirectoryExtension.class);

  /** The store entry; closing it stops the server. */
  private record Shared(ActiveDirectoryServer server) implements AutoCloseable {
    @Override
    public void close() {
      server.stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ActiveDirectoryServer.class;
  }

  @Override
  public ActiveDirectoryServer resolveParameter(
      ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(ActiveDirectoryServer.class, key -> start(), Shared.class)
        .server();
  }

  private static Shared start() {
    ActiveDirectoryServer server = ActiveDirectoryServer.start();
    PrintStream err = System.err;
    err.println(
        "kube-testkit: Samba AD "
            + ActiveDirectoryServer.REALM
            + " ready in "
            + server.startupTime().toMillis()
            + " ms at "
            + server.ldapsUrl()
            + " (run directory "
            + server.runDirectory()
            + ")");
    return new Shared(server);
  }
}
