package dev.pinnipedjava.controller.conditions;

import dev.pinnipedjava.api.condition.Condition;
import dev.pinnipedjava.api.condition.ConditionStatus;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Merging computed conditions into a resource's existing ones, as Pinniped's conditionsutil. */
public final class Conditions {
  /** The reason of a condition that holds, in every Pinniped controller. */
  public static final String REASON_SUCCESS = "Success";

  private Conditions() {}

  /**
   * The conditions to write: the existing ones with each desired condition set by type. A desired
   * condition whose status equals the existing one's keeps the existing {@code lastTransitionTime};
   * any other gets {@code now}. Every desired condition gets {@code observedGeneration}; existing
   * conditions of other types are kept as they are. Sorted by type, so that an unchanged status
   * compares equal and is not written again.
   */
  public static List<Condition> merge(
      Collection<DesiredCondition> desired,
      @Nullable List<Condition> existing,
      long observedGeneration,
      Instant now) {
    Map<String, Condition> byType = new LinkedHashMap<>();
    if (existing != null) {
      existing.forEach(condition -> byType.put(condition.type(), condition));
    }
    String nowText = format(now);
    for (DesiredCondition condition : desired) {
      Condition before = byType.get(condition.type());
      String transition =
          before != null && before.status() == condition.status()
              ? before.lastTransitionTime()
              : nowText;
      byType.put(
          condition.type(),
          new Condition(
              condition.type(),
              condition.status(),
              observedGeneration,
              transition,
              condition.reason(),
              condition.message()));
    }
    List<Condition> merged = new ArrayList<>(byType.values());
    merged.sort(Comparator.comparing(Condition::type));
    return List.copyOf(merged);
  }

  /** Whether any condition is False: Pinniped then calls the resource not ready. */
  public static boolean anyFalse(Collection<DesiredCondition> conditions) {
    return conditions.stream().anyMatch(condition -> condition.status() == ConditionStatus.FALSE);
  }

  /** Kubernetes' metav1.Time format: RFC 3339 in UTC, whole seconds. */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
