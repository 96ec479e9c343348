package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Where clients send TokenCredentialRequests: the cluster's own API server. */
public record TokenCredentialRequestAPIInfo(
    @JsonPropertyDescription("Server is the Kubernetes API server URL.")
        @Required
        @Size(min = 1)
        @Pattern("^https://|^http://")
        String server,
    @JsonPropertyDescription(
            "CertificateAuthorityData is the base64-encoded Kubernetes API server CA bundle.")
        @Required
        @Size(min = 1)
        String certificateAuthorityData) {}
