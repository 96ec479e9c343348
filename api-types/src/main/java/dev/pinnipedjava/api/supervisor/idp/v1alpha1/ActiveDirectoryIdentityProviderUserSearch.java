package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** How the Supervisor finds a user's entry in Active Directory by the username they typed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveDirectoryIdentityProviderUserSearch(
    @JsonPropertyDescription(
            "Base is the DN that should be used as the search base when searching for users. Defaults to the defaultNamingContext of the RootDSE (the whole domain).")
        @Nullable String base,
    @JsonPropertyDescription(
            "Filter is the search filter for users; \"{}\" must occur at least once and is replaced by the username. \"dn={}\" cannot be used. Defaults to a filter matching normal user accounts by sAMAccountName, mail or userPrincipalName.")
        @Nullable String filter,
    @JsonPropertyDescription(
            "Attributes specifies how the user's information should be read from the entry which was found as the result of the user search.")
        @Nullable ActiveDirectoryIdentityProviderUserSearchAttributes attributes)
    implements DirectoryIdentityProviderSpec.UserSearch {}
