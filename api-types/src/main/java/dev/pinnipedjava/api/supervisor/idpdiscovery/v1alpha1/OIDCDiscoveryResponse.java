package dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pinnipedjava.api.supervisor.oidc.SupervisorDiscovery;

/**
 * Pinniped's part of a FederationDomain's OpenID Provider discovery document; the standard metadata
 * around it is ignored.
 *
 * @param supervisorDiscovery the identity provider discovery extension
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OIDCDiscoveryResponse(
    @JsonProperty(SupervisorDiscovery.EXTENSION_KEY)
        OIDCDiscoveryResponseIDPEndpoint supervisorDiscovery) {}
