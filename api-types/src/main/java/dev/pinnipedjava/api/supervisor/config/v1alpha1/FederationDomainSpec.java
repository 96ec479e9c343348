package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An OIDC issuer the Supervisor serves and the identity providers behind it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederationDomainSpec(
    @JsonPropertyDescription(
            "Issuer is the OIDC Provider's issuer, per the OIDC Discovery Metadata document, and the value of the iss claim in issued JWTs. It is also the base URL of the provider's endpoints.")
        @Required
        @Size(min = 1)
        @ValidationRule(
            value = "isURL(self) && url(self).getScheme() == 'https'",
            message = "issuer must be an HTTPS URL")
        String issuer,
    @JsonPropertyDescription(
            "TLS specifies a secret which will contain Transport Layer Security (TLS) configuration for the FederationDomain.")
        @Nullable FederationDomainTLSSpec tls,
    @JsonPropertyDescription(
            "IdentityProviders is the list of identity providers available for use by this FederationDomain. When empty, the only identity provider in the namespace is used under its resource name (deprecated backwards compatibility mode).")
        @Nullable List<FederationDomainIdentityProvider> identityProviders) {}
