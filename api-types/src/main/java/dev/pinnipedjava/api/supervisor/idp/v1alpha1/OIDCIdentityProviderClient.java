package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The OAuth client the Supervisor uses with an upstream OIDC provider. */
public record OIDCIdentityProviderClient(
    @JsonPropertyDescription(
            "SecretName contains the name of a namespace-local Secret of type \"secrets.pinniped.dev/oidc-client\" with keys \"clientID\" and \"clientSecret\".")
        @Required
        String secretName) {}
