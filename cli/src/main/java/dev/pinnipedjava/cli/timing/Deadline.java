package dev.pinnipedjava.cli.timing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The end of the time a command may take ({@code --timeout}), on an injected clock. */
public final class Deadline {

  private final Clock clock;
  private final Instant end;
  private final Sleeper sleeper;

  public Deadline(Clock clock, Duration timeout, Sleeper sleeper) {
    this.clock = clock;
    this.end = clock.instant().plus(timeout);
    this.sleeper = sleeper;
  }

  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), end);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean passed() {
    return remaining().isZero();
  }

  /** A timeout for one request: {@code cap}, or less when the deadline comes first (min 1 ms). */
  public Duration requestTimeout(Duration cap) {
    Duration left = remaining();
    Duration timeout = left.compareTo(cap) < 0 ? left : cap;
    return timeout.isZero() ? Duration.ofMillis(1) : timeout;
  }

  /**
   * Waits {@code interval}, or until the deadline when that is sooner.
   *
   * @return false when the deadline has passed (then there is no point in another attempt)
   */
  public boolean pause(Duration interval) throws InterruptedException {
    Duration wait = remaining().compareTo(interval) < 0 ? remaining() : interval;
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
    return !passed();
  }
}
