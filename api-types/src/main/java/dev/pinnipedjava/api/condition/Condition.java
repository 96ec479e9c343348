package dev.pinnipedjava.api.condition;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.schema.Format;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/**
 * One aspect of a resource's current state, with the validation Kubernetes' metav1.Condition has.
 *
 * @param lastTransitionTime RFC 3339 time the status last changed, for example {@code
 *     2025-07-02T10:00:00Z}
 */
@JsonClassDescription(
    "Condition contains details for one aspect of the current state of this API Resource.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    @JsonPropertyDescription("type of condition in CamelCase or in foo.example.com/CamelCase.")
        @Required
        @Size(max = 316)
        @Pattern(TYPE_PATTERN)
        String type,
    @JsonPropertyDescription("status of the condition, one of True, False, Unknown.") @Required
        ConditionStatus status,
    @JsonPropertyDescription(
            "observedGeneration represents the .metadata.generation that the condition was set based upon.")
        @Min(0)
        @Nullable Long observedGeneration,
    @JsonPropertyDescription(
            "lastTransitionTime is the last time the condition transitioned from one status to another.")
        @Required
        @Format("date-time")
        String lastTransitionTime,
    @JsonPropertyDescription(
            "reason contains a programmatic identifier indicating the reason for the condition's last transition.")
        @Required
        @Size(min = 1, max = 1024)
        @Pattern(REASON_PATTERN)
        String reason,
    @JsonPropertyDescription(
            "message is a human readable message indicating details about the transition.")
        @Required
        @Size(max = 32768)
        String message) {

  /** Kubernetes' pattern for condition types: a CamelCase name, optionally DNS-prefixed. */
  public static final String TYPE_PATTERN =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";

  /** Kubernetes' pattern for condition reasons. */
  public static final String REASON_PATTERN = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";
}
