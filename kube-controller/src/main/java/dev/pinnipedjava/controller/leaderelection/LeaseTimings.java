package dev.pinnipedjava.controller.leaderelection;

import java.time.Duration;

/**
 * How long a leader's Lease lasts, how long the leader keeps trying to renew it before it gives up
 * leading, and how often candidates try.
 */
public record LeaseTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
  /** Pinniped's timings. */
  public static final LeaseTimings PINNIPED =
      new LeaseTimings(Duration.ofSeconds(137), Duration.ofSeconds(107), Duration.ofSeconds(26));

  public LeaseTimings {
    if (retryPeriod.isNegative()
        || retryPeriod.isZero()
        || renewDeadline.compareTo(retryPeriod) <= 0
        || leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException(
          "need 0 < retryPeriod < renewDeadline < leaseDuration, got "
              + retryPeriod
              + ", "
              + renewDeadline
              + " and "
              + leaseDuration);
    }
  }
}
