package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** How the Supervisor finds the groups of a user in the LDAP directory. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LDAPIdentityProviderGroupSearch(
    @JsonPropertyDescription(
            "Base is the DN that should be used as the search base when searching for groups, e.g. \"ou=groups,dc=example,dc=com\". When not specified, no group search is performed and the other group search settings are ignored.")
        @Nullable String base,
    @JsonPropertyDescription(
            "Filter is the LDAP search filter for a user's groups; \"{}\" must occur at least once and is replaced by the value of the user attribute named by UserAttributeForFilter. \"dn={}\" cannot be used. Defaults to \"member={}\".")
        @Nullable String filter,
    @JsonPropertyDescription(
            "UserAttributeForFilter names the attribute of the user entry whose value replaces \"{}\" in Filter. Defaults to \"dn\".")
        @Nullable String userAttributeForFilter,
    @JsonPropertyDescription(
            "Attributes specifies how the group's information should be read from each LDAP entry which was found as the result of the group search.")
        @Nullable LDAPIdentityProviderGroupSearchAttributes attributes,
    @JsonPropertyDescription(
            "SkipGroupRefresh, when true, keeps the groups found at login for the whole session instead of searching them again at each refresh. Insecure and experimental.")
        @Nullable Boolean skipGroupRefresh)
    implements DirectoryIdentityProviderSpec.GroupSearch {}
