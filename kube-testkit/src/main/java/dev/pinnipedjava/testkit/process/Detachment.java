package dev.pinnipedjava.testkit.process;

/** Whether a started process belongs to this JVM or outlives it. */
public enum Detachment {
  /** A child of this JVM, stopped by it at the latest when the JVM shuts down. */
  ATTACHED,
  /** In its own session, recorded in a pid file, stopped explicitly by a later command. */
  DETACHED
}
