package dev.pinnipedjava.celruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RuntimeLimitTest {
  private static final CelExpr NODE = CelExpr.ofConstant(1L, CelConstant.ofValue(1L));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final RuntimeLimit limit = new RuntimeLimit(Duration.ofMillis(100), clock);

  @Test
  void anEvaluationWithinTheLimitRunsToItsEnd() {
    RuntimeLimit.Watch watch = limit.start();

    for (int i = 0; i < 10 * RuntimeLimit.CHECK_EVERY; i++) {
      watch.callback(NODE, 1L);
    }

    assertThat(watch.exceeded()).isFalse();
  }

  @Test
  void pastTheDeadlineTheNextCheckStopsItAndEveryLaterNodeFails() {
    RuntimeLimit.Watch watch = limit.start();
    for (int i = 1; i < RuntimeLimit.CHECK_EVERY; i++) {
      watch.callback(NODE, 1L);
    }
    clock.advance(Duration.ofMillis(101));

    // The clock is read on every CHECK_EVERY-th node only.
    assertThatThrownBy(() -> watch.callback(NODE, 1L)).isInstanceOf(RuntimeLimit.Exceeded.class);
    assertThat(watch.exceeded()).isTrue();
    assertThatThrownBy(() -> watch.callback(NODE, 1L)).isInstanceOf(RuntimeLimit.Exceeded.class);
  }

  @Test
  void eachEvaluationGetsADeadlineOfItsOwn() {
    RuntimeLimit.Watch first = limit.start();
    clock.advance(Duration.ofMillis(150));
    RuntimeLimit.Watch second = limit.start();

    for (int i = 0; i < RuntimeLimit.CHECK_EVERY; i++) {
      second.callback(NODE, 1L);
    }

    assertThat(second.exceeded()).isFalse();
    assertThat(first.exceeded()).isFalse();
  }
}
