package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How clients reach a working credential strategy. */
public enum FrontendType {
  @JsonProperty("TokenCredentialRequestAPI")
  TOKEN_CREDENTIAL_REQUEST_API,
  @JsonProperty("ImpersonationProxy")
  IMPERSONATION_PROXY
}
