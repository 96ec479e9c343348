package dev.pinnipedjava.testkit.local;

import dev.pinnipedjava.testkit.controlplane.ApiServerProbe;
import dev.pinnipedjava.testkit.controlplane.ControlPlane;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneBinaries;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneLayout;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneState;
import dev.pinnipedjava.testkit.controlplane.RecordedControlPlane;
import dev.pinnipedjava.testkit.process.Detachment;
import dev.pinnipedjava.testkit.process.ManagedProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code up|down|status <stateDir>}: keeps a control plane running for the local stack, beyond the
 * life of this JVM. Exit codes: 0 success, 1 failure, 2 usage, 3 status found nothing running.
 */
public final class LocalControlPlaneMain {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int NOT_RUNNING = 3;

  private final Function<String, @Nullable String> environment;
  private final Path workingDirectory;
  private final PrintStream out;
  private final PrintStream err;

  LocalControlPlaneMain(
      Function<String, @Nullable String> environment,
      Path workingDirectory,
      PrintStream out,
      PrintStream err) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(
        new LocalControlPlaneMain(
                System::getenv, Path.of("").toAbsolutePath(), System.out, System.err)
            .run(args));
  }

  int run(String... args) {
    if (args.length != 2) {
      err.println("usage: LocalControlPlaneMain up|down|status <stateDir>");
      return USAGE;
    }
    ControlPlaneLayout layout = new ControlPlaneLayout(Path.of(args[1]));
    try {
      return switch (args[0]) {
        case "up" -> up(layout);
        case "down" -> down(layout);
        case "status" -> status(layout);
        default -> {
          err.println("unknown command " + args[0] + "; want up, down or status");
          yield USAGE;
        }
      };
    } catch (RuntimeException e) {
      // One line for the scripts; the exception messages name the log file to read.
      err.println("control plane " + args[0] + " failed: " + e.getMessage());
      return FAILED;
    }
  }

  private int up(ControlPlaneLayout layout) {
    RecordedControlPlane recorded = new RecordedControlPlane(layout);
    Optional<ControlPlaneState> state = recorded.state();
    if (state.isPresent()
        && recorded.readiness().map(ApiServerProbe.Readiness::ready).orElse(false)) {
      out.println("already running: " + describe(state.get(), layout));
      return OK;
    }
    // Half a control plane (one process died) is replaced by a whole new one.
    recorded.stop();
    ControlPlaneBinaries binaries = ControlPlaneBinaries.locate(environment, workingDirectory, err);
    ControlPlane controlPlane =
        ControlPlane.start(
            binaries, layout.root(), Detachment.DETACHED, Clock.systemUTC(), new SecureRandom());
    out.println(
        "started in "
            + controlPlane.startupTime().toMillis()
            + " ms: "
            + describe(controlPlane.state(), layout));
    return OK;
  }

  private int down(ControlPlaneLayout layout) {
    List<ManagedProcess> stopped = new RecordedControlPlane(layout).stop();
    if (stopped.isEmpty()) {
      out.println("not running");
    } else {
      out.println(
          "stopped " + String.join(", ", stopped.stream().map(ManagedProcess::toString).toList()));
    }
    return OK;
  }

  private int status(ControlPlaneLayout layout) {
    RecordedControlPlane recorded = new RecordedControlPlane(layout);
    Optional<ControlPlaneState> state = recorded.state();
    Optional<ApiServerProbe.Readiness> readiness = recorded.readiness();
    if (state.isEmpty() || readiness.isEmpty()) {
      List<ManagedProcess> running = recorded.runningProcesses();
      out.println(
          running.isEmpty()
              ? "not running"
              : "not running: only "
                  + String.join(", ", running.stream().map(ManagedProcess::toString).toList())
                  + " left; run down, then up");
      return NOT_RUNNING;
    }
    if (!readiness.get().ready()) {
      out.println(
          "running but not ready ("
              + readiness.get().detail()
              + "); see "
              + layout.log(ControlPlane.KUBE_APISERVER));
      return FAILED;
    }
    out.println("running: " + describe(state.get(), layout));
    return OK;
  }

  private static String describe(ControlPlaneState state, ControlPlaneLayout layout) {
    return "kube-apiserver "
        + state.kubernetesVersion()
        + " at "
        + state.apiServerUrl()
        + ", kubeconfig "
        + layout.adminKubeconfig();
  }
}
