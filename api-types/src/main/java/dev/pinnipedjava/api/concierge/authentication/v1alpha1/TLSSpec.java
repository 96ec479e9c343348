package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** How an authenticator trusts the TLS server it calls: inline CA data or a reference to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TLSSpec(
    @JsonPropertyDescription(
            "X.509 Certificate Authority (base64-encoded PEM bundle). If omitted, a default set of system roots will be trusted.")
        @Nullable String certificateAuthorityData,
    @JsonPropertyDescription(
            "Reference to a CA bundle in a secret or a configmap. Any changes to the CA bundle in the secret or configmap will be dynamically reloaded.")
        @Nullable CertificateAuthorityDataSourceSpec certificateAuthorityDataSource) {}
