package dev.pinnipedjava.api.condition;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The one-word summary of a resource's conditions that Pinniped's resources show in their status.
 */
public enum Phase {
  @JsonProperty("Pending")
  PENDING,
  @JsonProperty("Ready")
  READY,
  @JsonProperty("Error")
  ERROR
}
