package dev.pinnipedjava.api.condition;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a condition holds, with Kubernetes' wire spelling. */
public enum ConditionStatus {
  @JsonProperty("True")
  TRUE,
  @JsonProperty("False")
  FALSE,
  @JsonProperty("Unknown")
  UNKNOWN
}
