package dev.pinnipedjava.e2e.login;

/** How a command ended: its exit code and what it printed. */
record Outcome(int exitCode, String stdout, String stderr) {
  boolean succeeded() {
    return exitCode == 0;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
  }
}
