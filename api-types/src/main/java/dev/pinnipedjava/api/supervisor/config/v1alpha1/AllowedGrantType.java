package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The OAuth grant types an OIDCClient may be allowed. */
public enum AllowedGrantType {
  /** The authorization code flow; every client must be allowed it. */
  @JsonProperty("authorization_code")
  AUTHORIZATION_CODE,
  /** Refresh grants; allowed exactly when the offline_access scope is. */
  @JsonProperty("refresh_token")
  REFRESH_TOKEN,
  /** RFC 8693 token exchange; allowed exactly when the pinniped:request-audience scope is. */
  @JsonProperty("urn:ietf:params:oauth:grant-type:token-exchange")
  TOKEN_EXCHANGE
}
