package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** How the Supervisor finds a user's LDAP entry by the username they typed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LDAPIdentityProviderUserSearch(
    @JsonPropertyDescription(
            "Base is the DN that should be used as the search base when searching for users, e.g. \"ou=users,dc=example,dc=com\".")
        @Size(min = 1)
        @Nullable String base,
    @JsonPropertyDescription(
            "Filter is the LDAP search filter for users; \"{}\" must occur at least once and is replaced by the username, e.g. \"mail={}\" or \"&(objectClass=person)(uid={})\". \"dn={}\" cannot be used. Defaults to the username attribute followed by \"={}\".")
        @Nullable String filter,
    @JsonPropertyDescription(
            "Attributes specifies how the user's information should be read from the LDAP entry which was found as the result of the user search.")
        @Nullable LDAPIdentityProviderUserSearchAttributes attributes)
    implements DirectoryIdentityProviderSpec.UserSearch {}
