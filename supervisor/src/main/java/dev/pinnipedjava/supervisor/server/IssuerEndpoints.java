package dev.pinnipedjava.supervisor.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.api.supervisor.oidc.EndpointPaths;
import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import dev.pinnipedjava.supervisor.endpoint.EndpointServices;
import dev.pinnipedjava.supervisor.endpoint.authorize.AuthorizeEndpoint;
import dev.pinnipedjava.supervisor.endpoint.callback.CallbackEndpoint;
import dev.pinnipedjava.supervisor.endpoint.chooseidp.ChooseIdentityProviderEndpoint;
import dev.pinnipedjava.supervisor.endpoint.discovery.DiscoveryEndpoint;
import dev.pinnipedjava.supervisor.endpoint.idpdiscovery.IdpDiscoveryEndpoint;
import dev.pinnipedjava.supervisor.endpoint.jwks.JwksEndpoint;
import dev.pinnipedjava.supervisor.endpoint.login.LoginEndpoint;
import dev.pinnipedjava.supervisor.endpoint.token.TokenEndpoint;
import dev.pinnipedjava.supervisor.endpoint.token.grant.AuthorizationCodeGrant;
import dev.pinnipedjava.supervisor.endpoint.token.grant.RefreshTokenGrant;
import dev.pinnipedjava.supervisor.endpoint.token.grant.TokenExchangeGrant;
import dev.pinnipedjava.supervisor.endpoint.token.grant.TokenGrant;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The endpoints every issuer has, by their path relative to the issuer. */
public final class IssuerEndpoints
    implements Function<FederationDomainIssuer, Map<String, Endpoint>> {
  private final EndpointServices services;
  private final ObjectMapper json;
  private final List<TokenGrant> grants;

  public IssuerEndpoints(EndpointServices services, ObjectMapper json) {
    this.services = services;
    this.json = json;
    this.grants =
        List.of(
            new AuthorizationCodeGrant(
                services.storage(),
                services.tokens(),
                services.idTokens(),
                services.audit(),
                services.clock()),
            new RefreshTokenGrant(
                services.storage(),
                services.upstreams(),
                services.tokens(),
                services.idTokens(),
                services.audit(),
                services.clock()),
            new TokenExchangeGrant(
                services.storage(), services.tokens(), services.idTokens(), services.audit()));
  }

  @Override
  public Map<String, Endpoint> apply(FederationDomainIssuer issuer) {
    return Map.of(
        EndpointPaths.DISCOVERY,
        new DiscoveryEndpoint(issuer.issuer(), json),
        EndpointPaths.JWKS,
        new JwksEndpoint(services.keys(), issuer.federationDomain()),
        EndpointPaths.IDENTITY_PROVIDERS,
        new IdpDiscoveryEndpoint(issuer.identityProviders(), services.upstreams(), json),
        EndpointPaths.AUTHORIZE,
        new AuthorizeEndpoint(issuer, services),
        EndpointPaths.CALLBACK,
        new CallbackEndpoint(issuer, services),
        EndpointPaths.CHOOSE_IDENTITY_PROVIDER,
        new ChooseIdentityProviderEndpoint(issuer, services),
        EndpointPaths.LOGIN,
        new LoginEndpoint(issuer, services),
        EndpointPaths.TOKEN,
        new TokenEndpoint(issuer, services, grants));
  }
}
