package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import org.jspecify.annotations.Nullable;

/** How GitHub users and teams become Kubernetes usernames and groups. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GitHubClaims(
    @JsonPropertyDescription(
            "Username configures which property of the GitHub user record shall determine the username in Kubernetes: \"id\", \"login\", or \"login:id\" (the default). Logins can be changed by their users, so they alone are not safe for authorization decisions.")
        @Default("login:id")
        @Nullable GitHubUsernameAttribute username,
    @JsonPropertyDescription(
            "Groups configures which property of the GitHub team record shall determine the group names in Kubernetes: \"name\" or \"slug\" (the default). Group names are always prefixed by the organization login and a forward slash, e.g. \"my-org/my-team\".")
        @Default("slug")
        @Nullable GitHubGroupNameAttribute groups) {}
