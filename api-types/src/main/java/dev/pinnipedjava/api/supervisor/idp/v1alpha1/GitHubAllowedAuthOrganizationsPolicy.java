package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which GitHub users may log in. */
public enum GitHubAllowedAuthOrganizationsPolicy {
  /** Only members of the listed organizations (which must not be empty). The default. */
  @JsonProperty("OnlyUsersFromAllowedOrganizations")
  ONLY_USERS_FROM_ALLOWED_ORGANIZATIONS,
  /** Every GitHub user (the list must then be empty). */
  @JsonProperty("AllGitHubUsers")
  ALL_GITHUB_USERS
}
