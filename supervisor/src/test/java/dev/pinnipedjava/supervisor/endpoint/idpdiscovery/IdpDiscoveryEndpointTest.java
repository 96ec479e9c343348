package dev.pinnipedjava.supervisor.endpoint.idpdiscovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.federation.OfferedIdentityProvider;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdpDiscoveryEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static OfferedIdentityProvider offered(
      String displayName, FakeUpstreamIdentityProvider provider) {
    return new OfferedIdentityProvider(
        displayName,
        IdentityProviderKind.OIDC,
        provider.ref().name(),
        provider.ref().uid(),
        List.of(IDPFlow.BROWSER_AUTHCODE));
  }

  @Test
  void listsTheReadyProvidersSortedByNameWithTheFlowsTheirConfigurationOffers() {
    FakeUpstreamIdentityProvider okta =
        FakeUpstreamIdentityProvider.withPasswordGrant("okta-resource");
    FakeUpstreamIdentityProvider dex = FakeUpstreamIdentityProvider.browserOnly("dex-resource");
    UpstreamRegistry registry = new UpstreamRegistry();
    registry.setProviders(IdentityProviderKind.OIDC, List.of(okta, dex));
    IdpDiscoveryEndpoint endpoint =
        new IdpDiscoveryEndpoint(
            List.of(
                offered("okta", okta),
                offered("dex", dex),
                new OfferedIdentityProvider(
                    "not-ready", IdentityProviderKind.OIDC, "not-ready", "u3", List.of())),
            registry,
            JSON);

    EndpointResponse response =
        endpoint.handle(new EndpointRequest("GET", "/v1alpha1/pinniped_identity_providers"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(response.bodyText())
        .isEqualTo(
            "{\"pinniped_identity_providers\":["
                + "{\"name\":\"dex\",\"type\":\"oidc\",\"flows\":[\"browser_authcode\"]},"
                + "{\"name\":\"okta\",\"type\":\"oidc\",\"flows\":[\"browser_authcode\",\"cli_password\"]}],"
                + "\"pinniped_supported_identity_provider_types\":["
                + "{\"type\":\"activedirectory\"},{\"type\":\"github\"},{\"type\":\"ldap\"},{\"type\":\"oidc\"}]}\n");
  }

  @Test
  void aProviderReplacedByAnotherResourceOfTheSameNameIsNotListed() {
    FakeUpstreamIdentityProvider replaced =
        new FakeUpstreamIdentityProvider(
            "okta-resource", "new-uid", List.of(IDPFlow.BROWSER_AUTHCODE));
    UpstreamRegistry registry = new UpstreamRegistry();
    registry.setProviders(IdentityProviderKind.OIDC, List.of(replaced));
    EndpointResponse response =
        new IdpDiscoveryEndpoint(
                List.of(
                    new OfferedIdentityProvider(
                        "okta", IdentityProviderKind.OIDC, "okta-resource", "old-uid", List.of())),
                registry,
                JSON)
            .handle(new EndpointRequest("GET", "/"));

    assertThat(response.bodyText()).startsWith("{\"pinniped_identity_providers\":[],");
  }

  @Test
  void noProvidersIsAnEmptyList() {
    EndpointResponse response =
        new IdpDiscoveryEndpoint(List.of(), new UpstreamRegistry(), JSON)
            .handle(new EndpointRequest("GET", "/"));

    assertThat(response.bodyText()).startsWith("{\"pinniped_identity_providers\":[],");
  }

  @Test
  void onlyGetIsAllowed() {
    assertThat(
            new IdpDiscoveryEndpoint(List.of(), new UpstreamRegistry(), JSON)
                .handle(new EndpointRequest("PUT", "/"))
                .status())
        .isEqualTo(405);
  }
}
