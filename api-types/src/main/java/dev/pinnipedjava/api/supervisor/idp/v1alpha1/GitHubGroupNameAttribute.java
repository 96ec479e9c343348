package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which attribute of a GitHub team names the group (always prefixed by the org login and "/"). */
public enum GitHubGroupNameAttribute {
  /** The team's display name, e.g. "Kube admins!". */
  @JsonProperty("name")
  NAME,
  /** The team's slug, e.g. "kube-admins". The default. */
  @JsonProperty("slug")
  SLUG
}
