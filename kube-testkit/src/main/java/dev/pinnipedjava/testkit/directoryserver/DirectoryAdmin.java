package dev.pinnipedjava.testkit.directoryserver;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.pinnipedjava.testkit.loopback.PartException;
import org.jspecify.annotations.Nullable;

/**
 * The administrator's connection to a directory server the test kit started: writes that fail throw
 * a {@link PartException} naming the server and what it refused.
 */
public final class DirectoryAdmin implements AutoCloseable {
  private final String server;
  private final LDAPConnection connection;

  /**
   * @param server the server's name in messages, such as {@code slapd}
   * @param connection bound as an account that may change the whole directory
   */
  public DirectoryAdmin(String server, LDAPConnection connection) {
    this.server = server;
    this.connection = connection;
  }

  public void add(Entry entry) {
    try {
      connection.add(entry);
    } catch (LDAPException e) {
      throw failed("add " + entry.getDN(), e);
    }
  }

  public void modify(String dn, Modification modification) {
    try {
      connection.modify(dn, modification);
    } catch (LDAPException e) {
      throw failed("modify " + dn, e);
    }
  }

  public void delete(String dn) {
    try {
      connection.delete(dn);
    } catch (LDAPException e) {
      throw failed("delete " + dn, e);
    }
  }

  /** The entry {@code dn} with {@code attributes}, or null when there is none. */
  public @Nullable SearchResultEntry entry(String dn, String... attributes) throws LDAPException {
    return connection.getEntry(dn, attributes);
  }

  /** The error for an operation the server refused. */
  public PartException failed(String what, LDAPException e) {
    return new PartException(
        server + " refused to " + what + ": " + e.getResultCode() + " " + e.getDiagnosticMessage(),
        e);
  }

  @Override
  public void close() {
    connection.close();
  }
}
