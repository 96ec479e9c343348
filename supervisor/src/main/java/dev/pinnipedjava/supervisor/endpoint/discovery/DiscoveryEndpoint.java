package dev.pinnipedjava.supervisor.endpoint.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.api.supervisor.oidc.EndpointPaths;
import dev.pinnipedjava.api.supervisor.oidc.IdTokenClaims;
import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import dev.pinnipedjava.api.supervisor.oidc.SupervisorDiscovery;
import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery document of one issuer (OpenID Connect Discovery 1.0 section 3, RFC 8414), with
 * Pinniped's identity provider discovery extension: the same fields, values and order as
 * Pinniped's, so that Pinniped's CLI reads it. Static: built once per issuer.
 */
public final class DiscoveryEndpoint implements Endpoint {
  private final byte[] document;

  public DiscoveryEndpoint(String issuer, ObjectMapper json) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("issuer", issuer);
    metadata.put("authorization_endpoint", issuer + EndpointPaths.AUTHORIZE);
    metadata.put("token_endpoint", issuer + EndpointPaths.TOKEN);
    metadata.put("jwks_uri", issuer + EndpointPaths.JWKS);
    metadata.put("response_types_supported", List.of("code"));
    metadata.put("response_modes_supported", List.of("query", "form_post"));
    metadata.put("subject_types_supported", List.of("public"));
    metadata.put("id_token_signing_alg_values_supported", List.of("ES256"));
    metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
    metadata.put(
        "scopes_supported",
        List.of(
            OidcScopes.OPENID,
            OidcScopes.OFFLINE_ACCESS,
            OidcScopes.REQUEST_AUDIENCE,
            OidcScopes.USERNAME,
            OidcScopes.GROUPS));
    metadata.put(
        "claims_supported",
        List.of(IdTokenClaims.USERNAME, IdTokenClaims.GROUPS, IdTokenClaims.ADDITIONAL_CLAIMS));
    metadata.put("code_challenge_methods_supported", List.of("S256"));
    metadata.put(
        SupervisorDiscovery.EXTENSION_KEY,
        Map.of(
            SupervisorDiscovery.IDENTITY_PROVIDERS_ENDPOINT_KEY,
            issuer + EndpointPaths.IDENTITY_PROVIDERS));
    try {
      // Go's JSON encoder ends the document with a newline.
      this.document = (json.writeValueAsString(metadata) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the discovery document", e);
    }
  }

  @Override
  public EndpointResponse handle(EndpointRequest request) {
    if (!"GET".equals(request.method())) {
      return EndpointResponse.methodNotAllowed();
    }
    return EndpointResponse.json(200, document);
  }
}
