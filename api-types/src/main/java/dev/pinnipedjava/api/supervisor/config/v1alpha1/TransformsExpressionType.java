package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of identity transform expressions, each with its CEL result type. */
public enum TransformsExpressionType {
  /** Returns a bool; false rejects the authentication. */
  @JsonProperty("policy/v1")
  POLICY_V1,
  /** Returns the new username (a string). */
  @JsonProperty("username/v1")
  USERNAME_V1,
  /** Returns the new groups (a list of strings). */
  @JsonProperty("groups/v1")
  GROUPS_V1
}
