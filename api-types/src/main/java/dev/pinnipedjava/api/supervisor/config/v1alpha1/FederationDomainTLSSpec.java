package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** The TLS serving certificate of a FederationDomain's HTTPS endpoints, chosen by SNI. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederationDomainTLSSpec(
    @JsonPropertyDescription(
            "SecretName is an optional name of a Secret in the same namespace, of type kubernetes.io/tls, with keys tls.crt and tls.key, used as the TLS serving certificate for this issuer's hostname (SNI). All issuers with the same hostname must use the same SecretName. Ignored when the issuer's host is an IP address.")
        @Nullable String secretName) {}
