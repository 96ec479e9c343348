package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The GitHub App or OAuth App the Supervisor logs users in with. */
public record GitHubClientSpec(
    @JsonPropertyDescription(
            "SecretName contains the name of a namespace-local Secret of type \"secrets.pinniped.dev/github-client\" with keys \"clientID\" and \"clientSecret\".")
        @Required
        @Size(min = 1)
        String secretName) {}
