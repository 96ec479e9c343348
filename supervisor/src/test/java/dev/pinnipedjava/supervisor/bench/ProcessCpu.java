package dev.pinnipedjava.supervisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process (and its descendants) has used, from {@code /proc/<pid>/stat}. */
final class ProcessCpu {
  /** Linux's USER_HZ: {@code /proc} counts CPU time in hundredths of a second. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  /** utime + stime of {@code process} and every descendant, in milliseconds. */
  static long millis(ProcessHandle process) {
    long ticks = ticks(process.pid());
    for (ProcessHandle child : process.descendants().toList()) {
      ticks += ticks(child.pid());
    }
    return ticks * 1000 / TICKS_PER_SECOND;
  }

  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException e) {
      return 0;
    }
  }
}
