package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Who may authenticate with a GitHubIdentityProvider. */
public record GitHubAllowAuthenticationSpec(
    @JsonPropertyDescription(
            "Organizations allows customization of which organizations can authenticate using this IDP.")
        @Required
        GitHubOrganizationsSpec organizations) {}
