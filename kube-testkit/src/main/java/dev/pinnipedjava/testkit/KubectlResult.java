package dev.pinnipedjava.testkit;

/** How one kubectl run ended. */
public record KubectlResult(int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** This result when kubectl exited 0; otherwise an {@link AssertionError} showing its stderr. */
  public KubectlResult assertSuccess() {
    if (!succeeded()) {
      throw new AssertionError(
          "kubectl exited " + exitCode + "\nstderr:\n" + stderr + "\nstdout:\n" + stdout);
    }
    return this;
  }
}
