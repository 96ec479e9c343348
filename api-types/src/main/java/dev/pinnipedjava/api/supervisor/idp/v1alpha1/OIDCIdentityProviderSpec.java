package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** How the Supervisor connects to an upstream OIDC provider and reads identities from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OIDCIdentityProviderSpec(
    @JsonPropertyDescription(
            "Issuer is the issuer URL of this OIDC identity provider, i.e., where to fetch /.well-known/openid-configuration.")
        @Required
        @Size(min = 1)
        @Pattern("^https://")
        String issuer,
    @JsonPropertyDescription("TLS configuration for discovery/JWKS requests to the issuer.")
        @Nullable TLSSpec tls,
    @JsonPropertyDescription(
            "AuthorizationConfig holds information about how to form the OAuth2 authorization request parameters to be used with this OIDC identity provider.")
        @Nullable OIDCAuthorizationConfig authorizationConfig,
    @JsonPropertyDescription(
            "Claims provides the names of token claims that will be used when inspecting an identity from this OIDC identity provider.")
        @Nullable OIDCClaims claims,
    @JsonPropertyDescription(
            "OIDCClient contains OIDC client information to be used used with this OIDC identity provider.")
        @Required
        OIDCIdentityProviderClient client) {}
