package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** Which attribute of a group's LDAP entry gives the group name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LDAPIdentityProviderGroupSearchAttributes(
    @JsonPropertyDescription(
            "GroupName specifies the case-sensitive name of the attribute whose value becomes a group name, e.g. \"cn\". Defaults to \"dn\" (the distinguished name).")
        @Nullable String groupName)
    implements DirectoryIdentityProviderSpec.GroupSearchAttributes {}
