package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.reference.TypedLocalObjectReference;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** An identity provider made available in a FederationDomain, under a display name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederationDomainIdentityProvider(
    @JsonPropertyDescription(
            "DisplayName is the name of this identity provider as it will appear to clients. It ends up in the kubeconfig of end users, so changing it is disruptive for them.")
        @Required
        @Size(min = 1)
        String displayName,
    @JsonPropertyDescription(
            "ObjectRef is a reference to a Pinniped identity provider resource (e.g. OIDCIdentityProvider, LDAPIdentityProvider, ActiveDirectoryIdentityProvider, GitHubIdentityProvider). If it cannot be resolved, the identity provider is not made available.")
        @Required
        TypedLocalObjectReference objectRef,
    @JsonPropertyDescription(
            "Transforms is an optional way to specify transformations to be applied during user authentication and session refresh.")
        @Nullable FederationDomainTransforms transforms) {}
