package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The types a transform constant can have. */
public enum TransformsConstantType {
  @JsonProperty("string")
  STRING,
  @JsonProperty("stringList")
  STRING_LIST
}
