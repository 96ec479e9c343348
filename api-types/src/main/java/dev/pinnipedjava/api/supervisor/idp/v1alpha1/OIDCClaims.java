package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Which upstream claims give a user's username, groups and extra claims. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OIDCClaims(
    @JsonPropertyDescription(
            "Groups provides the name of the ID token or userinfo claim that gives the groups to which an identity belongs. By default, identities have no groups.")
        @Nullable String groups,
    @JsonPropertyDescription(
            "Username provides the name of the ID token or userinfo claim that gives an identity's username. When not set, the username is built from the issuer URL and the \"sub\" claim.")
        @Nullable String username,
    @JsonPropertyDescription(
            "AdditionalClaimMappings maps new claim names (keys) to upstream claim names (values); the new claims are nested under the \"additionalClaims\" claim of the ID tokens the Supervisor issues.")
        @Nullable Map<String, String> additionalClaimMappings) {}
