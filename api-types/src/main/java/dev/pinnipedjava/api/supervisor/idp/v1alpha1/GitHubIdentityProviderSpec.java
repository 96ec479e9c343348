package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.schema.JsonDefault;
import io.fabric8.generator.annotation.Required;
import org.jspecify.annotations.Nullable;

/** How the Supervisor logs users in with GitHub and which of them it lets in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GitHubIdentityProviderSpec(
    @JsonPropertyDescription("GitHubAPI allows configuration for GitHub Enterprise Server")
        @JsonDefault("{}")
        @Nullable GitHubAPIConfig githubAPI,
    @JsonPropertyDescription("Claims allows customization of the username and groups claims.")
        @JsonDefault("{}")
        @Nullable GitHubClaims claims,
    @JsonPropertyDescription(
            "AllowAuthentication allows customization of who can authenticate using this IDP and how.")
        @Required
        GitHubAllowAuthenticationSpec allowAuthentication,
    @JsonPropertyDescription(
            "Client identifies the secret with credentials for a GitHub App or GitHub OAuth2 App (a GitHub client).")
        @Required
        GitHubClientSpec client) {}
