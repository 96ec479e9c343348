package dev.pinnipedjava.supervisor.upstream.ldap;

/**
 * Where a directory listens, from {@code spec.host} ({@code host}, {@code host:port}, {@code
 * [v6]:port}).
 *
 * @param spec the value as the spec gives it: the downstream subject names it
 */
public record DirectoryAddress(String spec, String host, int port) {
  /**
   * Parses {@code spec.host}.
   *
   * @throws IllegalArgumentException when it is not host[:port]
   */
  public static DirectoryAddress parse(String spec, ConnectionProtocol protocol) {
    String host = spec;
    int port = protocol.defaultPort();
    if (spec.startsWith("[")) {
      int close = spec.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("host \"" + spec + "\" is not valid");
      }
      host = spec.substring(1, close);
      String rest = spec.substring(close + 1);
      if (!rest.isEmpty()) {
        port = port(spec, rest);
      }
    } else if (spec.indexOf(':') >= 0) {
      if (spec.indexOf(':') != spec.lastIndexOf(':')) {
        throw new IllegalArgumentException("host \"" + spec + "\" is not valid");
      }
      host = spec.substring(0, spec.indexOf(':'));
      port = port(spec, spec.substring(spec.indexOf(':')));
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host \"" + spec + "\" is not valid");
    }
    return new DirectoryAddress(spec, host, port);
  }

  private static int port(String spec, String colonAndPort) {
    if (!colonAndPort.startsWith(":") || colonAndPort.length() == 1) {
      throw new IllegalArgumentException("host \"" + spec + "\" is not valid");
    }
    try {
      int port = Integer.parseInt(colonAndPort.substring(1));
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("host \"" + spec + "\" has an invalid port");
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("host \"" + spec + "\" has an invalid port", e);
    }
  }
}
