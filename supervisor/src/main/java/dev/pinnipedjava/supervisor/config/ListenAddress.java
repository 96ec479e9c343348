package dev.pinnipedjava.supervisor.config;

/**
 * A TCP address to listen on.
 *
 * @param host the interface; {@code 0.0.0.0} for all, as an empty host in Pinniped's config
 * @param port the port; 0 lets the OS choose
 */
public record ListenAddress(String host, int port) {
  public ListenAddress {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** Parses Go's {@code host:port} form, such as {@code :8443} or {@code 127.0.0.1:0}. */
  public static ListenAddress parse(String address) throws InvalidConfigException {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new InvalidConfigException("address \"" + address + "\" must be host:port");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(address.substring(colon + 1));
      return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("address \"" + address + "\" has an invalid port", e);
    }
  }
}
