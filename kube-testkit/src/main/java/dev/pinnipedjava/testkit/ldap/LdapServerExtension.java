package dev.pinnipedjava.testkit.ldap;

import java.io.PrintStream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link LdapServer} parameters: one server per test class, kept in the class's store as
 * an {@link AutoCloseable} so that JUnit stops it when the class is done.
 */
public final class LdapServerExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LdapServerExtension.class);

  /** The store entry; closing it stops the server. */
  private record Shared(LdapServer server) implements AutoCloseable {
    @Override
    public void close() {
      server.stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LdapServer.class;
  }

  @Override
  public LdapServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return classContext(context)
        .getStore(NAMESPACE)
        .computeIfAbsent(LdapServer.class, key -> start(), Shared.class)
        .server();
  }

  /** The context of the test class, also for a method's parameters. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static Shared start() {
    LdapServer server = LdapServer.start();
    PrintStream err = System.err;
    err.println(
        "kube-testkit: slapd ready in "
            + server.startupTime().toMillis()
            + " ms at "
            + server.ldapsUrl()
            + " (run directory "
            + server.runDirectory()
            + ")");
    return new Shared(server);
  }
}
