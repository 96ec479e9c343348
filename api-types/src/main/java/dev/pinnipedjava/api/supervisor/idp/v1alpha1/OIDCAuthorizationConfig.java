package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.schema.ListType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How the Supervisor forms its authorization requests to the upstream OIDC provider. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OIDCAuthorizationConfig(
    @JsonPropertyDescription(
            "additionalScopes are the scopes requested in addition to \"openid\" (always requested) in the authorization request and in the password grant. When not set, the Supervisor requests \"openid\", \"offline_access\", \"email\" and \"profile\". The provider must return refresh tokens to the Supervisor.")
        @Nullable List<String> additionalScopes,
    @JsonPropertyDescription(
            "additionalAuthorizeParameters are extra query parameters of the authorization request. They cannot include response_type, scope, client_id, state, nonce, code_challenge, code_challenge_method, redirect_uri or hd.")
        @ListType(value = ListType.Topology.MAP, mapKeys = "name")
        @Nullable List<Parameter> additionalAuthorizeParameters,
    @JsonPropertyDescription(
            "allowPasswordGrant, when true, allows the Resource Owner Password Credentials Grant (RFC 6749 section 4.3) with this provider in addition to the browser-based authorization code flow. Defaults to false.")
        @Nullable Boolean allowPasswordGrant) {}
