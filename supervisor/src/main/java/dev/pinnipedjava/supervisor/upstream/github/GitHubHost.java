package dev.pinnipedjava.supervisor.upstream.github;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where one GitHub is: {@code github.com} (web at {@code https://github.com}, API at {@code
 * https://api.github.com}) or a GitHub Enterprise Server (web at {@code https://<host>}, API at
 * {@code https://<host>/api/v3}).
 *
 * @param address {@code host:port} as the connection check dials it
 * @param web where users log in and codes are exchanged ({@code /login/oauth/...})
 * @param api the REST API base, without a final slash
 */
public record GitHubHost(String address, URI web, URI api) {
  /** The host of the public GitHub, the default. */
  public static final String GITHUB_COM = "github.com";

  private static final int HTTPS_PORT = 443;
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f:.]+(%[a-z0-9]+)?");

  /**
   * Parses {@code spec.githubAPI.host}: a host name or IP address with an optional port (an IPv6
   * address in brackets), nothing else.
   *
   * @throws IllegalArgumentException with the reason, for the HostValid condition
   */
  public static GitHubHost parse(String host) {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    String name;
    String portText = null;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("missing ']' in address");
      }
      name = host.substring(1, close);
      String rest = host.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("unexpected characters after the address");
        }
        portText = rest.substring(1);
      }
      if (!IPV6.matcher(name).matches() || !name.contains(":")) {
        throw new IllegalArgumentException("host \"" + name + "\" is not a valid IPv6 address");
      }
    } else {
      int colon = host.indexOf(':');
      if (colon >= 0 && host.indexOf(':', colon + 1) >= 0) {
        throw new IllegalArgumentException("an IPv6 address with a port must be in brackets");
      }
      name = colon < 0 ? host : host.substring(0, colon);
      portText = colon < 0 ? null : host.substring(colon + 1);
      if (!HOSTNAME.matcher(name).matches() && !IPV4.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "host \"" + name + "\" is not a valid hostname or IP address");
      }
    }
    int port = HTTPS_PORT;
    if (portText != null) {
      if (!portText.matches("\\d{1,5}")
          || Integer.parseInt(portText) < 1
          || Integer.parseInt(portText) > 65535) {
        throw new IllegalArgumentException("invalid port \"" + portText + "\"");
      }
      port = Integer.parseInt(portText);
    }
    String bracketed = host.startsWith("[") ? "[" + name + "]" : name.toLowerCase(Locale.ROOT);
    String authority = port == HTTPS_PORT ? bracketed : bracketed + ":" + port;
    URI web = URI.create("https://" + authority);
    URI api =
        GITHUB_COM.equals(authority)
            ? URI.create("https://api.github.com")
            : URI.create("https://" + authority + "/api/v3");
    return new GitHubHost(bracketed + ":" + port, web, api);
  }

  /** Where users log in. */
  public URI authorizeEndpoint() {
    return URI.create(web + "/login/oauth/authorize");
  }

  /** Where codes become access tokens. */
  public URI tokenEndpoint() {
    return URI.create(web + "/login/oauth/access_token");
  }

  /** The host name or address to dial, without port or brackets. */
  String dialHost() {
    String host = address.substring(0, address.lastIndexOf(':'));
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** The port to dial. */
  int dialPort() {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }
}
