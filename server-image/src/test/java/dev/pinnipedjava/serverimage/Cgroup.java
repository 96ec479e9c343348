package dev.pinnipedjava.serverimage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container's resource limits as the kubelet sets them: a memory and a CPU cgroup below this
 * JVM's own (cgroup v1, or the unified v2 hierarchy), which the container's first process joins.
 */
final class Cgroup implements AutoCloseable {
  private static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final long CPU_PERIOD_MICROS = 100_000;

  private final boolean unified;
  private final Path memory;
  private final Path cpu;

  private Cgroup(boolean unified, Path memory, Path cpu) {
    this.unified = unified;
    this.memory = memory;
    this.cpu = cpu;
  }

  /** A new cgroup named {@code name} limited to {@code memoryBytes} and {@code cpuMillis}. */
  static Cgroup create(String name, long memoryBytes, long cpuMillis) {
    long quota = cpuMillis * CPU_PERIOD_MICROS / 1000;
    if (Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
      Path group = ROOT.resolve(ownPath("") + "/" + name);
      mkdir(group);
      write(group.resolve("memory.max"), Long.toString(memoryBytes));
      write(group.resolve("memory.swap.max"), "0");
      write(group.resolve("cpu.max"), quota + " " + CPU_PERIOD_MICROS);
      return new Cgroup(true, group, group);
    }
    Path memory = ROOT.resolve("memory" + ownPath("memory") + "/" + name);
    Path cpu = ROOT.resolve("cpu" + ownPath("cpu") + "/" + name);
    mkdir(memory);
    mkdir(cpu);
    write(memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
    write(cpu.resolve("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_MICROS));
    write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(quota));
    return new Cgroup(false, memory, cpu);
  }

  /** The files a process writes its pid to, to join. */
  List<Path> procsFiles() {
    List<Path> files = new ArrayList<>(List.of(memory.resolve("cgroup.procs")));
    if (!cpu.equals(memory)) {
      files.add(cpu.resolve("cgroup.procs"));
    }
    return files;
  }

  /** The most memory the group has used, as the kernel charged it (page cache included). */
  long peakMemoryBytes() {
    return Long.parseLong(
        read(memory.resolve(unified ? "memory.peak" : "memory.max_usage_in_bytes")));
  }

  /** How many processes the kernel killed for exceeding the memory limit. */
  long oomKills() {
    String events = read(memory.resolve(unified ? "memory.events" : "memory.oom_control"));
    return events
        .lines()
        .filter(line -> line.startsWith("oom_kill "))
        .map(line -> Long.parseLong(line.substring("oom_kill ".length()).strip()))
        .findFirst()
        .orElse(0L);
  }

  /** Removes the group; its processes must have ended. */
  @Override
  public void close() {
    for (Path group : procsFiles()) {
      try {
        Files.deleteIfExists(group.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove cgroup " + group.getParent(), e);
      }
    }
  }

  // This JVM's cgroup in the hierarchy of `controller` ("" for the unified hierarchy).
  private static String ownPath(String controller) {
    Optional<String> path =
        read(Path.of("/proc/self/cgroup"))
            .lines()
            .map(line -> line.split(":", 3))
            .filter(fields -> fields.length == 3)
            .filter(
                fields ->
                    controller.isEmpty()
                        ? fields[0].equals("0")
                        : List.of(fields[1].split(",")).contains(controller))
            .map(fields -> fields[2])
            .findFirst();
    String own = path.orElseThrow(() -> new IllegalStateException("no " + controller + " cgroup"));
    return own.equals("/") ? "" : own;
  }

  private static void mkdir(Path group) {
    try {
      Files.createDirectory(group);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create cgroup " + group, e);
    }
  }

  private static void write(Path file, String value) {
    try {
      Files.writeString(file, value, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + value + " to " + file, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
