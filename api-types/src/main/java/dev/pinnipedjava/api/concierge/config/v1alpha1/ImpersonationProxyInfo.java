package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Where clients reach the impersonation proxy and how they trust it. */
public record ImpersonationProxyInfo(
    @JsonPropertyDescription("Endpoint is the HTTPS endpoint of the impersonation proxy.")
        @Required
        @Size(min = 1)
        @Pattern("^https://")
        String endpoint,
    @JsonPropertyDescription(
            "CertificateAuthorityData is the base64-encoded PEM CA bundle of the impersonation proxy.")
        @Required
        @Size(min = 1)
        String certificateAuthorityData) {}
