package dev.pinnipedjava.concierge.impersonatorconfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where clients reach the impersonation proxy, and the name its serving certificate must carry.
 *
 * @param clientEndpoint {@code host[:port]} as clients dial it
 * @param ipAddress the certificate's IP address, when the host is one
 * @param hostname the certificate's DNS name, when the host is not an IP address
 */
record ProxyEndpoint(String clientEndpoint, @Nullable InetAddress ipAddress, String hostname) {
  private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");
  private static final Pattern HOSTNAME =
      Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$");
  private static final Pattern PORT = Pattern.compile("^[0-9]{1,5}$");

  /**
   * The endpoint in {@code host[:port]} form ({@code spec.impersonationProxy.externalEndpoint}, a
   * load balancer's hostname or IP, a cluster IP).
   *
   * @throws IllegalArgumentException when it is not {@code host[:port]}
   */
  static ProxyEndpoint of(String endpoint) {
    String host = endpoint;
    String port = "";
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("invalid endpoint " + endpoint);
      }
      port = host.substring(close + 1);
      host = host.substring(1, close);
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      port = host.substring(host.indexOf(':'));
      host = host.substring(0, host.indexOf(':'));
    }
    if (!port.isEmpty() && !(port.startsWith(":") && PORT.matcher(port.substring(1)).matches())) {
      throw new IllegalArgumentException("invalid port in endpoint " + endpoint);
    }
    // Only literals reach getByName, which then parses them without a DNS lookup.
    if (host.contains(":") || IPV4.matcher(host).matches()) {
      try {
        return new ProxyEndpoint(endpoint, InetAddress.getByName(host), "");
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("invalid IP address in endpoint " + endpoint, e);
      }
    }
    if (!HOSTNAME.matcher(host).matches()) {
      throw new IllegalArgumentException("invalid endpoint " + endpoint);
    }
    return new ProxyEndpoint(endpoint, null, host);
  }

  /** The DNS names for the certificate. */
  List<String> dnsNames() {
    return hostname.isEmpty() ? List.of() : List.of(hostname);
  }

  /** The IP addresses for the certificate. */
  List<InetAddress> ipAddresses() {
    return ipAddress == null ? List.of() : List.of(ipAddress);
  }
}
