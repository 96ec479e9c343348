package dev.pinnipedjava.controller;

import java.time.Duration;

/**
 * How long a controller waits before syncing a key again after consecutive failed syncs: {@code
 * first}, doubled at each further failure, at most {@code max}.
 */
public record RetryBackoff(Duration first, Duration max) {
  /** From a tenth of a second up to five minutes. */
  public static final RetryBackoff DEFAULT =
      new RetryBackoff(Duration.ofMillis(100), Duration.ofMinutes(5));

  public RetryBackoff {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
    }
  }

  /** The wait after {@code failures} consecutive failures (at least one). */
  public Duration delay(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1");
    }
    Duration delay = first;
    for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) < 0 ? delay : max;
  }
}
