package dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of a FederationDomain's identity provider discovery endpoint.
 *
 * @param identityProviders the FederationDomain's identity providers, sorted by name
 * @param supportedTypes every identity provider type the Supervisor supports
 */
public record IDPDiscoveryResponse(
    @JsonProperty("pinniped_identity_providers") List<PinnipedIDP> identityProviders,
    @JsonProperty("pinniped_supported_identity_provider_types")
        List<PinnipedSupportedIDPType> supportedTypes) {}
