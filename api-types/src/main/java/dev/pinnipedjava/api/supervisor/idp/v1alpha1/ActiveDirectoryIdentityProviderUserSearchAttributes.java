package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** Which attributes of the user's entry give the username and the unique id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveDirectoryIdentityProviderUserSearchAttributes(
    @JsonPropertyDescription(
            "Username specifies the name of the attribute whose value becomes the username. Defaults to \"userPrincipalName\".")
        @Nullable String username,
    @JsonPropertyDescription(
            "UID specifies the name of the attribute whose value uniquely identifies the user. Defaults to \"objectGUID\".")
        @Nullable String uid)
    implements DirectoryIdentityProviderSpec.UserSearchAttributes {}
