package dev.pinnipedjava.supervisor.endpoint.jwks;

import com.nimbusds.jose.jwk.JWKSet;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.keys.FederationDomainKeys;
import dev.pinnipedjava.supervisor.keys.KeyCache;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The JSON Web Key Set (RFC 7517 section 5) that verifies one FederationDomain's ID tokens: the
 * public keys only, read from the {@link KeyCache} at each request. 404 until its key is loaded, as
 * Pinniped's.
 */
public final class JwksEndpoint implements Endpoint {
  private final KeyCache keys;
  private final Key federationDomain;

  public JwksEndpoint(KeyCache keys, Key federationDomain) {
    this.keys = keys;
    this.federationDomain = federationDomain;
  }

  @Override
  public EndpointResponse handle(EndpointRequest request) {
    if (!"GET".equals(request.method())) {
      return EndpointResponse.methodNotAllowed();
    }
    Optional<JWKSet> jwks =
        keys.forFederationDomain(federationDomain).map(FederationDomainKeys::jwks);
    if (jwks.isEmpty()) {
      return EndpointResponse.text(404, "JWKS not found for requested issuer");
    }
    // Public keys only, whatever the set holds.
    String document = jwks.get().toString(true) + "\n";
    return EndpointResponse.json(200, document.getBytes(StandardCharsets.UTF_8));
  }
}
