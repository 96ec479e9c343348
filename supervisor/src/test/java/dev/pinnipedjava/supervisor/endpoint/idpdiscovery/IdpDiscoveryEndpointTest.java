package dev.pinnipedjava.supervisor.endpoint.idpdiscovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.federation.OfferedIdentityProvider;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdpDiscoveryEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void listsTheProvidersSortedByNameWithTheirFlowsAndEverySupportedType() {
    IdpDiscoveryEndpoint endpoint =
        new IdpDiscoveryEndpoint(
            List.of(
                new OfferedIdentityProvider(
                    "okta",
                    IdentityProviderKind.OIDC,
                    "okta-resource",
                    "u1",
                    List.of(IDPFlow.BROWSER_AUTHCODE, IDPFlow.CLI_PASSWORD)),
                new OfferedIdentityProvider(
                    "github",
                    IdentityProviderKind.GITHUB,
                    "gh",
                    "u2",
                    List.of(IDPFlow.BROWSER_AUTHCODE)),
                new OfferedIdentityProvider(
                    "ad",
                    IdentityProviderKind.ACTIVE_DIRECTORY,
                    "ad",
                    "u3",
                    List.of(IDPFlow.CLI_PASSWORD, IDPFlow.BROWSER_AUTHCODE))),
            JSON);

    EndpointResponse response =
        endpoint.handle(new EndpointRequest("GET", "/v1alpha1/pinniped_identity_providers"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(response.bodyText())
        .isEqualTo(
            "{\"pinniped_identity_providers\":["
                + "{\"name\":\"ad\",\"type\":\"activedirectory\",\"flows\":[\"cli_password\",\"browser_authcode\"]},"
                + "{\"name\":\"github\",\"type\":\"github\",\"flows\":[\"browser_authcode\"]},"
                + "{\"name\":\"okta\",\"type\":\"oidc\",\"flows\":[\"browser_authcode\",\"cli_password\"]}],"
                + "\"pinniped_supported_identity_provider_types\":["
                + "{\"type\":\"activedirectory\"},{\"type\":\"github\"},{\"type\":\"ldap\"},{\"type\":\"oidc\"}]}\n");
  }

  @Test
  void noProvidersIsAnEmptyList() {
    EndpointResponse response =
        new IdpDiscoveryEndpoint(List.of(), JSON).handle(new EndpointRequest("GET", "/"));

    assertThat(response.bodyText()).startsWith("{\"pinniped_identity_providers\":[],");
  }

  @Test
  void onlyGetIsAllowed() {
    assertThat(
            new IdpDiscoveryEndpoint(List.of(), JSON)
                .handle(new EndpointRequest("PUT", "/"))
                .status())
        .isEqualTo(405);
  }
}
