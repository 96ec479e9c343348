package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the Concierge runs its impersonation proxy. */
public enum ImpersonationProxyMode {
  /** Decided by the cluster: on when no control-plane node is visible. */
  @JsonProperty("auto")
  AUTO,
  @JsonProperty("enabled")
  ENABLED,
  @JsonProperty("disabled")
  DISABLED
}
