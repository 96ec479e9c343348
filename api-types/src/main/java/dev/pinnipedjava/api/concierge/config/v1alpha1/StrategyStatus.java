package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a credential strategy works. */
public enum StrategyStatus {
  @JsonProperty("Success")
  SUCCESS,
  @JsonProperty("Error")
  ERROR
}
