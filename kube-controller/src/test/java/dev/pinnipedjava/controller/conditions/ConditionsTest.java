package dev.pinnipedjava.controller.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.condition.Condition;
import dev.pinnipedjava.api.condition.ConditionStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionsTest {
  private static final Instant EARLIER = Instant.parse("2025-07-01T08:00:00Z");
  private static final Instant NOW = Instant.parse("2025-07-02T10:00:00.750Z");
  private static final String EARLIER_TEXT = "2025-07-01T08:00:00Z";
  private static final String NOW_TEXT = "2025-07-02T10:00:00Z";

  record Case(
      String name,
      List<DesiredCondition> desired,
      @Nullable List<Condition> existing,
      List<Condition> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Condition condition(
      String type, ConditionStatus status, long generation, String time, String reason) {
    return new Condition(type, status, generation, time, reason, reason + " message");
  }

  static DesiredCondition desired(String type, ConditionStatus status, String reason) {
    return new DesiredCondition(type, status, reason, reason + " message");
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "new conditions get the current time, whole seconds",
            List.of(desired("Ready", ConditionStatus.TRUE, "Success")),
            null,
            List.of(condition("Ready", ConditionStatus.TRUE, 7, NOW_TEXT, "Success"))),
        new Case(
            "an unchanged status keeps its transition time but takes the new generation",
            List.of(desired("Ready", ConditionStatus.TRUE, "Success")),
            List.of(condition("Ready", ConditionStatus.TRUE, 3, EARLIER_TEXT, "Success")),
            List.of(condition("Ready", ConditionStatus.TRUE, 7, EARLIER_TEXT, "Success"))),
        new Case(
            "an unchanged status with a new reason keeps its transition time",
            List.of(desired("Ready", ConditionStatus.FALSE, "Other")),
            List.of(condition("Ready", ConditionStatus.FALSE, 7, EARLIER_TEXT, "NotReady")),
            List.of(condition("Ready", ConditionStatus.FALSE, 7, EARLIER_TEXT, "Other"))),
        new Case(
            "a changed status transitions now",
            List.of(desired("Ready", ConditionStatus.FALSE, "NotReady")),
            List.of(condition("Ready", ConditionStatus.TRUE, 7, EARLIER_TEXT, "Success")),
            List.of(condition("Ready", ConditionStatus.FALSE, 7, NOW_TEXT, "NotReady"))),
        new Case(
            "conditions of other types are kept, and all come out sorted by type",
            List.of(
                desired("Ready", ConditionStatus.TRUE, "Success"),
                desired("IssuerURLValid", ConditionStatus.TRUE, "Success")),
            List.of(condition("Zeta", ConditionStatus.UNKNOWN, 1, EARLIER_TEXT, "Other")),
            List.of(
                condition("IssuerURLValid", ConditionStatus.TRUE, 7, NOW_TEXT, "Success"),
                condition("Ready", ConditionStatus.TRUE, 7, NOW_TEXT, "Success"),
                condition("Zeta", ConditionStatus.UNKNOWN, 1, EARLIER_TEXT, "Other"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mergesDesiredIntoExisting(Case c) {
    assertThat(Conditions.merge(c.desired(), c.existing(), 7, NOW)).isEqualTo(c.want());
  }

  @Test
  void mergingTwiceAtLaterTimesChangesNothing() {
    List<DesiredCondition> desired = List.of(desired("Ready", ConditionStatus.TRUE, "Success"));
    List<Condition> first = Conditions.merge(desired, null, 1, EARLIER);

    assertThat(Conditions.merge(desired, first, 1, NOW)).isEqualTo(first);
  }

  @Test
  void anyFalseSeesOnlyFalse() {
    assertThat(
            Conditions.anyFalse(
                List.of(
                    desired("A", ConditionStatus.TRUE, "Success"),
                    desired("B", ConditionStatus.UNKNOWN, "Unknown"))))
        .isFalse();
    assertThat(Conditions.anyFalse(List.of(desired("A", ConditionStatus.FALSE, "Bad")))).isTrue();
  }
}
