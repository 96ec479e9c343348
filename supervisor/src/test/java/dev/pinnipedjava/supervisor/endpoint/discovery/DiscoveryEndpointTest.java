package dev.pinnipedjava.supervisor.endpoint.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import org.junit.jupiter.api.Test;

class DiscoveryEndpointTest {
  private final DiscoveryEndpoint endpoint =
      new DiscoveryEndpoint("https://issuer.example.com/some/path", new ObjectMapper());

  @Test
  void servesPinnipedsDocumentByteForByte() {
    EndpointResponse response =
        endpoint.handle(new EndpointRequest("GET", "/some/path/.well-known/openid-configuration"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("application/json");
    // The field order and trailing newline of Go's encoding of Pinniped's Metadata struct.
    assertThat(response.bodyText())
        .isEqualTo(
            "{\"issuer\":\"https://issuer.example.com/some/path\","
                + "\"authorization_endpoint\":\"https://issuer.example.com/some/path/oauth2/authorize\","
                + "\"token_endpoint\":\"https://issuer.example.com/some/path/oauth2/token\","
                + "\"jwks_uri\":\"https://issuer.example.com/some/path/jwks.json\","
                + "\"response_types_supported\":[\"code\"],"
                + "\"response_modes_supported\":[\"query\",\"form_post\"],"
                + "\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"ES256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"],"
                + "\"scopes_supported\":[\"openid\",\"offline_access\",\"pinniped:request-audience\",\"username\",\"groups\"],"
                + "\"claims_supported\":[\"username\",\"groups\",\"additionalClaims\"],"
                + "\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"discovery.supervisor.pinniped.dev/v1alpha1\":{\"pinniped_identity_providers_endpoint\":\"https://issuer.example.com/some/path/v1alpha1/pinniped_identity_providers\"}}\n");
  }

  @Test
  void onlyGetIsAllowed() {
    EndpointResponse response = endpoint.handle(new EndpointRequest("POST", "/x"));

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.bodyText()).isEqualTo("Method not allowed (try GET)\n");
  }
}
