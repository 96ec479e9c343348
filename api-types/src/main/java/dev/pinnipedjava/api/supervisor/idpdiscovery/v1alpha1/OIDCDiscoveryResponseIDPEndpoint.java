package dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pinnipedjava.api.supervisor.oidc.SupervisorDiscovery;

/**
 * Where a FederationDomain's identity provider discovery endpoint is.
 *
 * @param identityProvidersEndpoint its absolute URL
 */
public record OIDCDiscoveryResponseIDPEndpoint(
    @JsonProperty(SupervisorDiscovery.IDENTITY_PROVIDERS_ENDPOINT_KEY)
        String identityProvidersEndpoint) {}
