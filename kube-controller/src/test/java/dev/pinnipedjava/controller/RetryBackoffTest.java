package dev.pinnipedjava.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RetryBackoffTest {
  record Case(String name, int failures, Duration want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("first failure waits the first delay", 1, Duration.ofMillis(100)),
        new Case("second failure doubles it", 2, Duration.ofMillis(200)),
        new Case("fifth failure doubles four times", 5, Duration.ofMillis(1600)),
        new Case("many failures wait the maximum", 40, Duration.ofSeconds(5)),
        new Case("just past the maximum is capped", 7, Duration.ofSeconds(5)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void delayDoublesUpToTheMaximum(Case c) {
    RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    assertThat(backoff.delay(c.failures())).isEqualTo(c.want());
  }

  @Test
  void rejectsAMaximumBelowTheFirstDelay() {
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsZeroFailures() {
    assertThatThrownBy(() -> RetryBackoff.DEFAULT.delay(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
