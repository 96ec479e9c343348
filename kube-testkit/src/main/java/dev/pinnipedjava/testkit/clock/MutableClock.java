package dev.pinnipedjava.testkit.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock for tests: it stands still until the test moves it, or, made {@link #ticking}, moves
 * on by a fixed step every time it is read (for code that must see time pass between two reads).
 */
public final class MutableClock extends Clock {
  private final Duration stepPerRead;
  private Instant now;

  public MutableClock(Instant start) {
    this(start, Duration.ZERO);
  }

  private MutableClock(Instant start, Duration stepPerRead) {
    this.now = start;
    this.stepPerRead = stepPerRead;
  }

  /**
   * A clock whose every read is {@code step} later than the one before, the first {@code start +
   * step}.
   */
  public static MutableClock ticking(Instant start, Duration step) {
    return new MutableClock(start, step);
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public synchronized Instant instant() {
    now = now.plus(stepPerRead);
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("tests use UTC");
  }
}
