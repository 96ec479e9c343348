package dev.pinnipedjava.supervisor.upstream.ldap;

/** How a provider secures its connections; Pinniped tries them in this order. */
public enum ConnectionProtocol {
  /** LDAPS: TLS from the first byte. */
  TLS(636),
  /** Plain LDAP upgraded with the StartTLS extended operation before anything else is sent. */
  START_TLS(389);

  private final int defaultPort;

  ConnectionProtocol(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  /** The port used when {@code spec.host} names none. */
  public int defaultPort() {
    return defaultPort;
  }
}
