package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.schema.ListType;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which GitHub organizations' members may log in. The policy must agree with the list: {@code
 * AllGitHubUsers} exactly when the list is empty, which the API server enforces.
 */
@ValidationRule(
    value = "!(has(self.allowed) && size(self.allowed) > 0 && self.policy == 'AllGitHubUsers')",
    message =
        "spec.allowAuthentication.organizations.policy must be 'OnlyUsersFromAllowedOrganizations'"
            + " when spec.allowAuthentication.organizations.allowed has organizations listed")
@ValidationRule(
    value =
        "!((!has(self.allowed) || size(self.allowed) == 0)"
            + " && self.policy == 'OnlyUsersFromAllowedOrganizations')",
    message =
        "spec.allowAuthentication.organizations.policy must be 'AllGitHubUsers'"
            + " when spec.allowAuthentication.organizations.allowed is empty")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GitHubOrganizationsSpec(
    @JsonPropertyDescription(
            "Allowed values are \"OnlyUsersFromAllowedOrganizations\" (the default) or \"AllGitHubUsers\", which must be set when allowed is empty, so that administrators know that everyone on GitHub can log in.")
        @Default("OnlyUsersFromAllowedOrganizations")
        @Nullable GitHubAllowedAuthOrganizationsPolicy policy,
    @JsonPropertyDescription(
            "Allowed, when specified, means that only members of at least one of the listed GitHub organizations may log in, and that only teams of these organizations become groups. The GitHub App or OAuth App must be allowed to see membership in these organizations.")
        @Size(max = 64)
        @ListType(ListType.Topology.SET)
        @Nullable List<String> allowed) {}
