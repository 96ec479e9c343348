package dev.pinnipedjava.serverimage;

import dev.pinnipedjava.testkit.loopback.LogFile;
import dev.pinnipedjava.testkit.loopback.StopOnJvmExit;
import dev.pinnipedjava.testkit.process.Detachment;
import dev.pinnipedjava.testkit.process.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A process of the image run as a container runtime runs one, without a container runtime: in new
 * mount and PID namespaces ({@code unshare}), the image's root file system read-only, a fresh
 * {@code /proc}, the host's {@code /dev}, memory-backed scratch directories for its emptyDirs, the
 * host's {@code /sys} (where the JVM finds its cgroup's limits), in a cgroup limited as the
 * Deployment's resources say, only the given environment, as the given user ({@code chroot
 * --userspec}). The process is PID 1 of its namespace: it is stopped as the kubelet stops a
 * container (SIGTERM to it, SIGKILL after a grace period), and when it ends everything in the
 * namespace ends, and the mounts go with it.
 */
final class Container implements AutoCloseable {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
  // Runs on the host inside the new namespaces: the mounts, then the image's program in the root.
  private static final String SETUP =
      """
      set -e
      root=$1
      cgroups=$2
      scratch=$3
      shift 3
      for procs in $cgroups; do echo $$ > "$procs"; done
      for directory in $scratch; do mkdir -p "$root$directory"; done
      mount --rbind "$root" "$root"
      mount -o remount,bind,ro "$root"
      for directory in $scratch; do mount -t tmpfs -o mode=1777 tmpfs "$root$directory"; done
      mount --rbind /dev "$root/dev"
      mount --rbind /sys "$root/sys"
      exec env -i "$@"
      """;

  /**
   * What to run, and how.
   *
   * @param workingDirectory where the command starts, in the image
   * @param user {@code uid:gid}
   * @param environment {@code NAME=value} each, the whole environment
   * @param grace how long it may take to exit on SIGTERM (the pod's terminationGracePeriodSeconds)
   * @param cgroup the limits it runs under, or null for none
   * @param scratchDirectories where it gets empty, writable directories (emptyDir volumes)
   */
  record Spec(
      Path rootfs,
      String workingDirectory,
      String user,
      List<String> environment,
      List<String> command,
      Duration grace,
      @Nullable Cgroup cgroup,
      List<String> scratchDirectories) {}

  private final ManagedProcess process;
  private final Duration grace;
  private final StopOnJvmExit stopHook;

  private Container(ManagedProcess process, Duration grace) {
    this.process = process;
    this.grace = grace;
    this.stopHook = StopOnJvmExit.register(process.name(), this::stop);
  }

  /** Starts the spec's command in the background, its output in {@code logFile}. */
  static Container start(String name, Spec spec, Path logFile) {
    return new Container(
        ManagedProcess.start(name, argv(spec), logFile, Detachment.ATTACHED), spec.grace());
  }

  /** Runs the spec's command to its end. */
  static Commands.Result run(Spec spec) {
    return Commands.run(
        argv(spec),
        Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")));
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines of the output, for assertion messages. */
  String logTail() {
    return LogFile.tail(process.logFile(), 40);
  }

  @Override
  public void close() {
    stop();
    stopHook.cancel();
  }

  // unshare itself ignores SIGTERM while its child runs, and the parent-death signal it arranges
  // does not survive chroot's change of user: the signals go to the namespace's PID 1.
  private void stop() {
    ProcessHandle.of(process.pid())
        .flatMap(unshare -> unshare.children().findFirst())
        .ifPresent(
            init -> {
              init.destroy();
              if (!exited(init, grace)) {
                init.destroyForcibly();
                exited(init, EXIT_TIMEOUT);
              }
            });
    process.stop(EXIT_TIMEOUT);
  }

  private static boolean exited(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot wait for the container to exit", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<String> argv(Spec spec) {
    boolean root = runningAsRoot();
    List<String> argv = new ArrayList<>();
    argv.addAll(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child"));
    argv.add("--mount-proc=" + spec.rootfs().resolve("proc"));
    if (!root) {
      // Without root, a user namespace grants the mounts; only uid 0 exists in it.
      argv.add("--map-root-user");
    }
    argv.addAll(List.of("--", "sh", "-c", SETUP, "container", spec.rootfs().toString()));
    argv.add(
        spec.cgroup() == null
            ? ""
            : String.join(" ", spec.cgroup().procsFiles().stream().map(Path::toString).toList()));
    argv.add(String.join(" ", spec.scratchDirectories()));
    argv.addAll(spec.environment());
    // hack/test.sh finds a run's leftover processes by this mark.
    String testRun = System.getenv("PINNIPED_JAVA_TEST_RUN");
    if (testRun != null) {
      argv.add("PINNIPED_JAVA_TEST_RUN=" + testRun);
    }
    argv.add(chroot());
    if (root) {
      argv.add("--userspec=" + spec.user());
    }
    argv.add(spec.rootfs().toString());
    // The image's own shell changes to the working directory, as a runtime's does before exec.
    argv.addAll(List.of("/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", spec.workingDirectory()));
    argv.addAll(spec.command());
    return argv;
  }

  private static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String chroot() {
    for (String candidate : List.of("/usr/sbin/chroot", "/usr/bin/chroot", "/sbin/chroot")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException("chroot (coreutils) is not installed");
  }
}
