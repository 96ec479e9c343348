package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The service account the Supervisor binds as to search the LDAP directory. */
public record LDAPIdentityProviderBind(
    @JsonPropertyDescription(
            "SecretName contains the name of a namespace-local Secret of type \"kubernetes.io/basic-auth\" whose \"username\" is the full DN of the bind account and whose \"password\" is non-empty.")
        @Required
        @Size(min = 1)
        String secretName)
    implements DirectoryIdentityProviderSpec.Bind {}
