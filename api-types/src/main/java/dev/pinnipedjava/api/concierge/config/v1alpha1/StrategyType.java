package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The ways the Concierge can issue cluster credentials. */
public enum StrategyType {
  @JsonProperty("KubeClusterSigningCertificate")
  KUBE_CLUSTER_SIGNING_CERTIFICATE,
  @JsonProperty("ImpersonationProxy")
  IMPERSONATION_PROXY
}
