package dev.pinnipedjava.testkit.directoryserver;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import javax.net.ssl.SSLContext;

/**
 * New connections to a directory server on 127.0.0.1 that trust only its CA.
 *
 * @param trust trusts the server's CA
 * @param options timeouts and host name verification
 */
public record DirectoryConnections(SSLContext trust, LDAPConnectionOptions options) {
  /** A new LDAPS connection, not yet bound. */
  public LDAPConnection ldaps(int port) throws LDAPException {
    return new LDAPConnection(trust.getSocketFactory(), options, LoopbackPorts.HOST, port);
  }

  /** A new LDAPS connection bound as {@code bindName}. */
  public LDAPConnection boundLdaps(int port, String bindName, String password)
      throws LDAPException {
    LDAPConnection connection = ldaps(port);
    try {
      connection.bind(bindName, password);
      return connection;
    } catch (LDAPException e) {
      connection.close();
      throw e;
    }
  }

  /** A new connection on a plain port upgraded with StartTLS, not yet bound. */
  public LDAPConnection startTls(int port) throws LDAPException {
    LDAPConnection connection = new LDAPConnection(options, LoopbackPorts.HOST, port);
    try {
      ExtendedResult result =
          connection.processExtendedOperation(new StartTLSExtendedRequest(trust));
      if (!result.getResultCode().equals(ResultCode.SUCCESS)) {
        throw new LDAPException(result);
      }
      return connection;
    } catch (LDAPException e) {
      connection.close();
      throw e;
    }
  }
}
