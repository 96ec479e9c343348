package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** Which JWT claims become the Kubernetes username and groups. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JWTTokenClaims(
    @JsonPropertyDescription(
            "Groups is the name of the claim which should be read to extract the user's group membership from the JWT token. When not specified, it will default to \"groups\".")
        @Nullable String groups,
    @JsonPropertyDescription(
            "Username is the name of the claim which should be read to extract the username from the JWT token. When not specified, it will default to \"username\".")
        @Nullable String username) {}
