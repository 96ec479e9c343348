package dev.pinnipedjava.supervisor.upstream.ldap;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens connections to one directory, secured by one protocol and trusting one CA bundle: single
 * connections for probes, and pools bound as the service account for providers.
 *
 * @param connectTimeout Pinniped's dial timeout
 * @param responseTimeout how long one operation may take
 */
public record DirectoryConnections(
    DirectoryAddress address,
    ConnectionProtocol protocol,
    UpstreamTlsTrust trust,
    Duration connectTimeout,
    Duration responseTimeout) {
  public static final Duration DIAL_TIMEOUT = Duration.ofMinutes(1);

  /** Pinniped's limit on probing a directory from its controller. */
  public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(90);

  /** Connections with Pinniped's timeouts. */
  public static DirectoryConnections of(
      DirectoryAddress address, ConnectionProtocol protocol, UpstreamTlsTrust trust) {
    return new DirectoryConnections(address, protocol, trust, DIAL_TIMEOUT, PROBE_TIMEOUT);
  }

  private LDAPConnectionOptions options() {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis((int) connectTimeout.toMillis());
    options.setResponseTimeoutMillis(responseTimeout.toMillis());
    options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
    // Active Directory answers searches of a domain with referrals to its other partitions.
    options.setFollowReferrals(false);
    return options;
  }

  private SSLSocketFactory socketFactory() {
    SSLSocketFactory factory = trust.socketFactory();
    if (factory != null) {
      return factory;
    }
    try {
      return SSLContext.getDefault().getSocketFactory();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }

  /** A new connection, TLS established, not bound. */
  public LDAPConnection open() throws LDAPException {
    return switch (protocol) {
      case TLS -> new LDAPConnection(socketFactory(), options(), address.host(), address.port());
      case START_TLS -> {
        LDAPConnection connection = new LDAPConnection(options(), address.host(), address.port());
        try {
          ExtendedResult result =
              connection.processExtendedOperation(new StartTLSExtendedRequest(socketFactory()));
          if (!ResultCode.SUCCESS.equals(result.getResultCode())) {
            throw new LDAPException(result);
          }
          yield connection;
        } catch (LDAPException e) {
          connection.close();
          throw e;
        }
      }
    };
  }

  /** Connects and binds as {@code bind}, then disconnects: whether the directory accepts it. */
  public void probe(BindCredentials bind) throws LDAPException {
    try (LDAPConnection connection = open()) {
      connection.bind(new SimpleBindRequest(bind.username(), bind.password()));
    }
  }

  /** An attribute of the RootDSE, read bound as {@code bind}. */
  public Optional<String> rootDseAttribute(BindCredentials bind, String attribute)
      throws LDAPException {
    try (LDAPConnection connection = open()) {
      connection.bind(new SimpleBindRequest(bind.username(), bind.password()));
      RootDSE rootDse = connection.getRootDSE();
      return Optional.ofNullable(rootDse == null ? null : rootDse.getAttributeValue(attribute));
    }
  }

  /** A pool of connections bound as {@code bind}, one open already. */
  public LDAPConnectionPool pool(BindCredentials bind, int maxConnections) throws LDAPException {
    SimpleBindRequest bindRequest = new SimpleBindRequest(bind.username(), bind.password());
    LDAPConnectionPool pool =
        switch (protocol) {
          case TLS ->
              new LDAPConnectionPool(
                  new SingleServerSet(address.host(), address.port(), socketFactory(), options()),
                  bindRequest,
                  1,
                  maxConnections);
          case START_TLS ->
              new LDAPConnectionPool(
                  new SingleServerSet(address.host(), address.port(), options()),
                  bindRequest,
                  1,
                  maxConnections,
                  new StartTLSPostConnectProcessor(socketFactory()));
        };
    pool.setConnectionPoolName("ldap " + address.spec());
    // A connection the directory closed (idle timeout, restart) is replaced, and the operation
    // tried once more on the new one.
    pool.setRetryFailedOperationsDueToInvalidConnections(true);
    return pool;
  }

  @Override
  public String toString() {
    return "DirectoryConnections[" + protocol + " " + address.spec() + ", " + trust + "]";
  }
}
