package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** Which attributes of the user's LDAP entry give the username and the unique id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LDAPIdentityProviderUserSearchAttributes(
    @JsonPropertyDescription(
            "Username specifies the case-sensitive name of the attribute whose value becomes the username, e.g. \"mail\", \"uid\" or \"userPrincipalName\"; \"dn\" means the distinguished name, and then the user search Filter must be set.")
        @Size(min = 1)
        @Nullable String username,
    @JsonPropertyDescription(
            "UID specifies the case-sensitive name of the attribute whose value uniquely identifies the user, e.g. \"uidNumber\" or \"objectGUID\"; \"dn\" means the distinguished name.")
        @Size(min = 1)
        @Nullable String uid)
    implements DirectoryIdentityProviderSpec.UserSearchAttributes {}
