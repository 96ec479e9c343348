package dev.pinnipedjava.testkit.loopback;

/**
 * The safety net of a part: a JVM shutdown hook that stops it should the JVM end before the test
 * does (not on SIGKILL). A part removes its hook when it stops normally.
 */
public final class StopOnJvmExit {
  private final Thread hook;

  private StopOnJvmExit(Thread hook) {
    this.hook = hook;
  }

  public static StopOnJvmExit register(String part, Runnable stop) {
    Thread hook = new Thread(stop, part + "-stop-on-exit");
    Runtime.getRuntime().addShutdownHook(hook);
    return new StopOnJvmExit(hook);
  }

  /** Removes the hook; harmless when the JVM is already shutting down and runs it. */
  public void cancel() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs or has run, and stopping twice is harmless.
    }
  }
}
