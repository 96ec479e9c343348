package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which attribute of the GitHub user becomes the Kubernetes username. */
public enum GitHubUsernameAttribute {
  /** The unique, unchanging numeric id. */
  @JsonProperty("id")
  ID,
  /** The login name, which users can change. */
  @JsonProperty("login")
  LOGIN,
  /** The login name, a colon, then the id: readable and unique. The default. */
  @JsonProperty("login:id")
  LOGIN_AND_ID
}
