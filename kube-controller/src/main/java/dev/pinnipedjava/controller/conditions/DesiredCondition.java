package dev.pinnipedjava.controller.conditions;

import dev.pinnipedjava.api.condition.ConditionStatus;

/**
 * A condition as a controller computes it, before it gets its transition time and observed
 * generation (see {@link Conditions#merge}).
 */
public record DesiredCondition(String type, ConditionStatus status, String reason, String message) {
  public static DesiredCondition isTrue(String type, String reason, String message) {
    return new DesiredCondition(type, ConditionStatus.TRUE, reason, message);
  }

  public static DesiredCondition isFalse(String type, String reason, String message) {
    return new DesiredCondition(type, ConditionStatus.FALSE, reason, message);
  }

  public static DesiredCondition isUnknown(String type, String reason, String message) {
    return new DesiredCondition(type, ConditionStatus.UNKNOWN, reason, message);
  }
}
