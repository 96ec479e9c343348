package dev.pinnipedjava.supervisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** CPU time a process (and its descendants) has used, from {@code /proc/<pid>/stat}. */
final class ProcessCpu {
  /** Linux's USER_HZ: {@code /proc} counts CPU time in hundredths of a second. */
  private static final long TICKS_PER_SECOND = 100;

  /** The entry of {@link #byThread} that is the kernel's share of all the others. */
  static final String KERNEL_TIME = "(of which kernel time)";

  private ProcessCpu() {}

  /** utime + stime of {@code process} and every descendant, in milliseconds. */
  static long millis(ProcessHandle process) {
    long ticks = ticks(process.pid());
    for (ProcessHandle child : process.descendants().toList()) {
      ticks += ticks(child.pid());
    }
    return ticks * 1000 / TICKS_PER_SECOND;
  }

  /**
   * CPU milliseconds of the threads of {@code process} and its descendants, summed by thread name
   * without its trailing number ({@code GC Thread#}, {@code vert.x-eventloo}...; Linux keeps 15
   * characters of a name), with the kernel's share of them all as {@link #KERNEL_TIME}: where the
   * CPU of a phase went.
   */
  static Map<String, Long> byThread(ProcessHandle process) {
    Map<String, Long> millis = new TreeMap<>();
    // Keycloak's JVM is a child of its launch script.
    for (ProcessHandle each : Stream.concat(Stream.of(process), process.descendants()).toList()) {
      addThreads(each.pid(), millis);
    }
    return millis;
  }

  private static void addThreads(long pid, Map<String, Long> millis) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        String name;
        long[] times;
        try {
          name = Files.readString(thread.resolve("comm")).strip().replaceAll("[0-9#-]+$", "");
          times = times(Files.readString(thread.resolve("stat")));
        } catch (IOException e) {
          continue; // the thread ended
        }
        millis.merge(name, (times[0] + times[1]) * 1000 / TICKS_PER_SECOND, Long::sum);
        millis.merge(KERNEL_TIME, times[1] * 1000 / TICKS_PER_SECOND, Long::sum);
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static long ticks(long pid) {
    try {
      long[] times = times(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
      return times[0] + times[1];
    } catch (IOException e) {
      return 0;
    }
  }

  /** utime and stime of a {@code stat} line. */
  private static long[] times(String stat) {
    // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
  }
}
