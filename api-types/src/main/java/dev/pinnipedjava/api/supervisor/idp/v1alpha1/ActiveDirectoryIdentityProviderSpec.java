package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** How the Supervisor connects to Active Directory and finds users and groups in it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveDirectoryIdentityProviderSpec(
    @JsonPropertyDescription(
            "Host is the hostname of this Active Directory identity provider, i.e., where to connect. For example: ldap.example.com:636.")
        @Required
        @Size(min = 1)
        String host,
    @JsonPropertyDescription(
            "TLS contains the connection settings for how to establish the connection to the Host.")
        @Nullable TLSSpec tls,
    @JsonPropertyDescription(
            "Bind contains the credentials the Supervisor binds with to search the directory and to validate users' credentials.")
        @Nullable ActiveDirectoryIdentityProviderBind bind,
    @JsonPropertyDescription(
            "UserSearch contains the configuration for searching for a user by name in Active Directory.")
        @Nullable ActiveDirectoryIdentityProviderUserSearch userSearch,
    @JsonPropertyDescription(
            "GroupSearch contains the configuration for searching for a user's group membership in Active Directory.")
        @Nullable ActiveDirectoryIdentityProviderGroupSearch groupSearch)
    implements DirectoryIdentityProviderSpec {}
