package dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The identity provider discovery documents, in the JSON Pinniped's Supervisor serves. */
class IdpDiscoveryDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String IDP_DISCOVERY =
      """
      {
        "pinniped_identity_providers": [
          {"name": "g-some-github-idp", "type": "github", "flows": ["browser_authcode"]},
          {"name": "some-ad-idp", "type": "activedirectory",
           "flows": ["cli_password", "browser_authcode"]},
          {"name": "some-ldap-idp", "type": "ldap", "flows": ["cli_password", "browser_authcode"]},
          {"name": "some-oidc-idp", "type": "oidc"}
        ],
        "pinniped_supported_identity_provider_types": [
          {"type": "activedirectory"}, {"type": "github"}, {"type": "ldap"}, {"type": "oidc"}
        ]
      }
      """;

  @Test
  void idpDiscoveryResponseReadsAndWritesPinnipedsJson() throws Exception {
    IDPDiscoveryResponse response = JSON.readValue(IDP_DISCOVERY, IDPDiscoveryResponse.class);

    assertThat(response.identityProviders())
        .containsExactly(
            new PinnipedIDP("g-some-github-idp", IDPType.GITHUB, List.of(IDPFlow.BROWSER_AUTHCODE)),
            new PinnipedIDP(
                "some-ad-idp",
                IDPType.ACTIVE_DIRECTORY,
                List.of(IDPFlow.CLI_PASSWORD, IDPFlow.BROWSER_AUTHCODE)),
            new PinnipedIDP(
                "some-ldap-idp",
                IDPType.LDAP,
                List.of(IDPFlow.CLI_PASSWORD, IDPFlow.BROWSER_AUTHCODE)),
            new PinnipedIDP("some-oidc-idp", IDPType.OIDC, null));
    assertThat(response.supportedTypes())
        .extracting(PinnipedSupportedIDPType::type)
        .containsExactly(IDPType.ACTIVE_DIRECTORY, IDPType.GITHUB, IDPType.LDAP, IDPType.OIDC);
    assertThat(JSON.readTree(JSON.writeValueAsString(response)))
        .isEqualTo(JSON.readTree(IDP_DISCOVERY));
  }

  @Test
  void emptyFlowsAreLeftOutAsPinnipedDoes() throws Exception {
    String written = JSON.writeValueAsString(new PinnipedIDP("x", IDPType.OIDC, List.of()));

    assertThat(written).isEqualTo("{\"name\":\"x\",\"type\":\"oidc\"}");
  }

  @Test
  void oidcDiscoveryResponseReadsOnlyPinnipedsExtension() throws Exception {
    String discovery =
        """
        {
          "issuer": "https://example.com/issuer",
          "authorization_endpoint": "https://example.com/issuer/oauth2/authorize",
          "discovery.supervisor.pinniped.dev/v1alpha1": {
            "pinniped_identity_providers_endpoint":
              "https://example.com/issuer/v1alpha1/pinniped_identity_providers"
          }
        }
        """;

    OIDCDiscoveryResponse response = JSON.readValue(discovery, OIDCDiscoveryResponse.class);

    assertThat(response.supervisorDiscovery().identityProvidersEndpoint())
        .isEqualTo("https://example.com/issuer/v1alpha1/pinniped_identity_providers");
  }

  @Test
  void wireNamesMapBothWays() {
    for (IDPType type : IDPType.values()) {
      assertThat(IDPType.fromWireName(type.wireName())).contains(type);
    }
    for (IDPFlow flow : IDPFlow.values()) {
      assertThat(IDPFlow.fromWireName(flow.wireName())).contains(flow);
    }
    assertThat(IDPType.fromWireName("saml")).isEqualTo(Optional.empty());
    assertThat(IDPFlow.fromWireName("device_code")).isEqualTo(Optional.empty());
  }

  @Test
  void unknownTypeIsRejected() {
    assertThatThrownBy(
            () -> JSON.readValue("{\"name\":\"x\",\"type\":\"saml\"}", PinnipedIDP.class))
        .isInstanceOf(ValueInstantiationException.class)
        .hasMessageContaining("unknown identity provider type");
  }
}
