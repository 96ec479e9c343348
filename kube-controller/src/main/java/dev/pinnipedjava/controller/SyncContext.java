package dev.pinnipedjava.controller;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The key being synced, and a way for the sync to ask to be run again later. */
public final class SyncContext {
  private final String controllerName;
  private final Key key;
  private @Nullable Duration requeueAfter;

  public SyncContext(String controllerName, Key key) {
    this.controllerName = controllerName;
    this.key = key;
  }

  public String controllerName() {
    return controllerName;
  }

  public Key key() {
    return key;
  }

  /**
   * Syncs this key again after {@code delay}, once this sync returns normally (a sync that throws
   * is retried with backoff instead). The shortest of several requests wins.
   */
  public void requeueAfter(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    if (requeueAfter == null || delay.compareTo(requeueAfter) < 0) {
      requeueAfter = delay;
    }
  }

  /** The delay asked for with {@link #requeueAfter}, if any. */
  public @Nullable Duration requestedRequeue() {
    return requeueAfter;
  }

  @Override
  public String toString() {
    return controllerName + "[" + key + "]";
  }
}
