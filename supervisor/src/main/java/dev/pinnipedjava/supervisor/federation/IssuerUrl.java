package dev.pinnipedjava.supervisor.federation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A validated issuer URL: https, with a host, without user info, query, fragment or trailing slash
 * (Pinniped's {@code FederationDomainIssuer} rules).
 *
 * @param issuer the URL as configured
 * @param host the host with any port, as configured (the request {@code Host} it serves)
 * @param hostname the host without port, lowercase (the TLS server name it serves)
 * @param path the path, possibly empty
 */
public record IssuerUrl(String issuer, String host, String hostname, String path) {
  private static final String SCHEME = "https";

  /**
   * Parses and validates {@code issuer}.
   *
   * @throws InvalidIssuerException naming the first problem, in Pinniped's order and words
   */
  public static IssuerUrl parse(String issuer) throws InvalidIssuerException {
    if (issuer.isEmpty()) {
      throw new InvalidIssuerException("federation domain must have an issuer");
    }
    URI uri;
    try {
      uri = new URI(issuer);
    } catch (URISyntaxException e) {
      if (issuer.toLowerCase(Locale.ROOT).matches("https://([/?#].*)?")) {
        throw new InvalidIssuerException("issuer must have a hostname");
      }
      throw new InvalidIssuerException(
          "could not parse issuer as URL: parse \"" + issuer + "\": " + e.getReason());
    }
    if (uri.getScheme() == null || !SCHEME.equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
      throw new InvalidIssuerException("issuer must have \"https\" scheme");
    }
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    int at = authority.lastIndexOf('@');
    String host = at < 0 ? authority : authority.substring(at + 1);
    String hostname = hostname(host);
    if (hostname.isEmpty()) {
      throw new InvalidIssuerException("issuer must have a hostname");
    }
    if (at >= 0) {
      throw new InvalidIssuerException("issuer must not have username or password");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) {
      throw new InvalidIssuerException("issuer must not have trailing slash in path");
    }
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      throw new InvalidIssuerException("issuer must not have query");
    }
    if (uri.getRawFragment() != null && !uri.getRawFragment().isEmpty()) {
      throw new InvalidIssuerException("issuer must not have fragment");
    }
    return new IssuerUrl(issuer, host, hostname.toLowerCase(Locale.ROOT), path);
  }

  /** The host without port; an IPv6 literal without its brackets. */
  private static String hostname(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host.substring(1) : host.substring(1, close);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  /** Whether the host is an IP address, for which TLS has no server name to choose by. */
  public boolean hostIsIpAddress() {
    return hostname.contains(":") || hostname.matches("[0-9.]+");
  }

  /**
   * The key requests are routed by: the lowercase host (with port) and the path (as Pinniped's
   * endpoints manager, which matches {@code lowercase(Host) + path}).
   */
  public String routingKey() {
    return host.toLowerCase(Locale.ROOT) + path;
  }

  /**
   * What makes two issuers the same for uniqueness: scheme, lowercase host and path, as Pinniped's
   * {@code issuerURLToIssuerKey}.
   */
  public String uniquenessKey() {
    return SCHEME + "://" + routingKey();
  }
}
