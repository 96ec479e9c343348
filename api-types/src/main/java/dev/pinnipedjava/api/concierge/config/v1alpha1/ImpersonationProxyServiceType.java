package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of Service that exposes the impersonation proxy, or none. */
public enum ImpersonationProxyServiceType {
  @JsonProperty("LoadBalancer")
  LOAD_BALANCER,
  @JsonProperty("ClusterIP")
  CLUSTER_IP,
  /** No Service: the impersonation proxy's external endpoint must then be set. */
  @JsonProperty("None")
  NONE
}
