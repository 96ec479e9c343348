package dev.pinnipedjava.cli.timing;

import java.time.Duration;

/** Waits; {@link #real()} sleeps the thread. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  static Sleeper real() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
