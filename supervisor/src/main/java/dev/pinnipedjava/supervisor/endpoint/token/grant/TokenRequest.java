package dev.pinnipedjava.supervisor.endpoint.token.grant;

import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.keys.FederationDomainKeys;
import dev.pinnipedjava.supervisor.oauth.OAuthClient;
import java.util.Map;
import java.util.Optional;

/**
 * A token request as a grant sees it: single-valued parameters, the authenticated client, and the
 * issuer with its keys (all loaded).
 *
 * @param parameters the form parameters, each sent once
 */
public record TokenRequest(
    Map<String, String> parameters,
    OAuthClient client,
    FederationDomainIssuer issuer,
    FederationDomainKeys keys,
    String auditId) {
  public TokenRequest {
    parameters = Map.copyOf(parameters);
  }

  /** A parameter, when sent and not empty. */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name)).filter(value -> !value.isEmpty());
  }

  @Override
  public String toString() {
    return "TokenRequest[client=" + client.id() + ", grant=" + parameters.get("grant_type") + "]";
  }
}
