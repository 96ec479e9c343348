package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a credential strategy has its status. */
public enum StrategyReason {
  @JsonProperty("Listening")
  LISTENING,
  @JsonProperty("Pending")
  PENDING,
  @JsonProperty("Disabled")
  DISABLED,
  @JsonProperty("ErrorDuringSetup")
  ERROR_DURING_SETUP,
  @JsonProperty("CouldNotFetchKey")
  COULD_NOT_FETCH_KEY,
  @JsonProperty("CouldNotGetClusterInfo")
  COULD_NOT_GET_CLUSTER_INFO,
  @JsonProperty("FetchedKey")
  FETCHED_KEY
}
