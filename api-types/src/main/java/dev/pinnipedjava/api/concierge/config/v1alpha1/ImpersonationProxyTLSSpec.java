package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/**
 * The TLS serving certificate of the impersonation proxy, when the Concierge must not make its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImpersonationProxyTLSSpec(
    @JsonPropertyDescription(
            "X.509 Certificate Authority (base64-encoded PEM bundle). Used to advertise the CA bundle for the impersonation proxy endpoint.")
        @Nullable String certificateAuthorityData,
    @JsonPropertyDescription(
            "SecretName is the name of a Secret in the same namespace, of type kubernetes.io/tls, which contains the TLS serving certificate for the Concierge impersonation proxy endpoint.")
        @Size(min = 1)
        @Nullable String secretName) {}
