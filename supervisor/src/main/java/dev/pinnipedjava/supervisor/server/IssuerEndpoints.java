package dev.pinnipedjava.supervisor.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.api.supervisor.oidc.EndpointPaths;
import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import dev.pinnipedjava.supervisor.endpoint.discovery.DiscoveryEndpoint;
import dev.pinnipedjava.supervisor.endpoint.idpdiscovery.IdpDiscoveryEndpoint;
import dev.pinnipedjava.supervisor.endpoint.jwks.JwksEndpoint;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.keys.KeyCache;
import java.util.Map;
import java.util.function.Function;

/** The endpoints every issuer has, by their path relative to the issuer. */
final class IssuerEndpoints implements Function<FederationDomainIssuer, Map<String, Endpoint>> {
  private final KeyCache keys;
  private final ObjectMapper json;

  IssuerEndpoints(KeyCache keys, ObjectMapper json) {
    this.keys = keys;
    this.json = json;
  }

  @Override
  public Map<String, Endpoint> apply(FederationDomainIssuer issuer) {
    return Map.of(
        EndpointPaths.DISCOVERY,
        new DiscoveryEndpoint(issuer.issuer(), json),
        EndpointPaths.JWKS,
        new JwksEndpoint(keys, issuer.federationDomain()),
        EndpointPaths.IDENTITY_PROVIDERS,
        new IdpDiscoveryEndpoint(issuer.identityProviders(), json));
  }
}
