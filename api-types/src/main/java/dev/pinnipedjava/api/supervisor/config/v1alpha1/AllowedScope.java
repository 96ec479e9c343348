package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The scopes an OIDCClient may be allowed. The order is Pinniped's, which error messages show. */
public enum AllowedScope {
  /** ID tokens; every client must be allowed it. */
  @JsonProperty("openid")
  OPENID,
  /** Refresh tokens; allowed exactly when the refresh_token grant is. */
  @JsonProperty("offline_access")
  OFFLINE_ACCESS,
  /** The username claim in ID tokens. */
  @JsonProperty("username")
  USERNAME,
  /** The groups claim in ID tokens. */
  @JsonProperty("groups")
  GROUPS,
  /** Token exchange for another audience; needs username and groups too. */
  @JsonProperty("pinniped:request-audience")
  REQUEST_AUDIENCE
}
