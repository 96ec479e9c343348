package dev.pinnipedjava.supervisor.federation;

import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which endpoint answers a request: an immutable map from issuer host and path plus endpoint path
 * to endpoint, rebuilt whole whenever the valid FederationDomains change and swapped in at once
 * (the FederationDomain controller writes it, request handlers read it).
 */
public final class IssuerRouter {
  /** An endpoint of an issuer. */
  public record Route(FederationDomainIssuer issuer, Endpoint endpoint) {}

  private final Function<FederationDomainIssuer, Map<String, Endpoint>> endpoints;
  private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());

  private record Snapshot(List<FederationDomainIssuer> issuers, Map<String, Route> routes) {}

  /**
   * @param endpoints the endpoints of an issuer, by their path relative to the issuer
   */
  public IssuerRouter(Function<FederationDomainIssuer, Map<String, Endpoint>> endpoints) {
    this.endpoints = endpoints;
  }

  /** Serves exactly these issuers from now on. */
  public void setFederationDomains(List<FederationDomainIssuer> issuers) {
    Map<String, Route> routes = new HashMap<>();
    for (FederationDomainIssuer issuer : issuers) {
      endpoints
          .apply(issuer)
          .forEach(
              (path, endpoint) ->
                  routes.put(issuer.url().routingKey() + path, new Route(issuer, endpoint)));
    }
    snapshot = new Snapshot(List.copyOf(issuers), Map.copyOf(routes));
  }

  /** The route of a request, by its {@code Host} header (case-insensitive) and path. */
  public Optional<Route> route(String host, String path) {
    return Optional.ofNullable(snapshot.routes().get(host.toLowerCase(Locale.ROOT) + path));
  }

  /** The issuers served now. */
  public List<FederationDomainIssuer> issuers() {
    return snapshot.issuers();
  }
}
