package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The intended configuration of the Concierge. */
@JsonClassDescription("Spec describes the intended configuration of the Concierge.")
public record CredentialIssuerSpec(
    @JsonPropertyDescription(
            "ImpersonationProxy describes the intended configuration of the Concierge impersonation proxy.")
        @Required
        ImpersonationProxySpec impersonationProxy) {}
