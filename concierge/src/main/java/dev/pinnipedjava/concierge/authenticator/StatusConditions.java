package dev.pinnipedjava.concierge.authenticator;

import dev.pinnipedjava.api.condition.Condition;
import dev.pinnipedjava.api.condition.ConditionStatus;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds the conditions a controller writes, keeping transition times of unchanged ones. */
public final class StatusConditions {
  private StatusConditions() {}

  /** One computed condition, before it gets times and generations. */
  public record Computed(String type, ConditionStatus status, String reason, String message) {}

  /**
   * The new condition list: each computed condition with {@code observedGeneration}, keeping the
   * old {@code lastTransitionTime} when its status did not change. Sorted by type, so that writes
   * are stable.
   */
  public static List<Condition> merge(
      List<Computed> computed, @Nullable List<Condition> previous, long generation, Instant now) {
    Map<String, Condition> old = new HashMap<>();
    if (previous != null) {
      previous.forEach(condition -> old.put(condition.type(), condition));
    }
    String nowText = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    List<Condition> merged = new ArrayList<>();
    for (Computed condition : computed) {
      Condition before = old.get(condition.type());
      String transition =
          before != null && before.status() == condition.status()
              ? before.lastTransitionTime()
              : nowText;
      merged.add(
          new Condition(
              condition.type(),
              condition.status(),
              generation,
              transition,
              condition.reason(),
              condition.message()));
    }
    merged.sort(Comparator.comparing(Condition::type));
    return List.copyOf(merged);
  }

  /** Whether any condition is False: such an authenticator is not ready. */
  public static boolean anyFalse(List<Computed> computed) {
    return computed.stream().anyMatch(condition -> condition.status() == ConditionStatus.FALSE);
  }
}
