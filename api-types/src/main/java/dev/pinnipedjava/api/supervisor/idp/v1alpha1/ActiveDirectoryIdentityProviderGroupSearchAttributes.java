package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** Which attribute of a group's entry gives the group name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveDirectoryIdentityProviderGroupSearchAttributes(
    @JsonPropertyDescription(
            "GroupName specifies the case-sensitive name of the attribute whose value becomes a group name, e.g. \"cn\"; \"dn\" means the distinguished name. Defaults to \"sAMAccountName@domain\", the domain taken from the group DN's domain components.")
        @Nullable String groupName)
    implements DirectoryIdentityProviderSpec.GroupSearchAttributes {}
