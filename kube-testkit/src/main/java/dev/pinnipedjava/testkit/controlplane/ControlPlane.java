package dev.pinnipedjava.testkit.controlplane;

import dev.pinnipedjava.pki.Pem;
import dev.pinnipedjava.testkit.kubeconfig.Kubeconfig;
import dev.pinnipedjava.testkit.kubeconfig.KubeconfigCredential;
import dev.pinnipedjava.testkit.process.Detachment;
import dev.pinnipedjava.testkit.process.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.jspecify.annotations.Nullable;

/**
 * A real etcd and kube-apiserver on 127.0.0.1 with fresh credentials and random free ports. An
 * attached control plane is stopped by {@link #stop()} or, at the latest, by a JVM shutdown hook; a
 * detached one outlives this JVM and is stopped through {@link RecordedControlPlane}.
 */
public final class ControlPlane implements AutoCloseable {
  public static final String ETCD = "etcd";
  public static final String KUBE_APISERVER = "kube-apiserver";

  static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final int START_ATTEMPTS = 3;
  private static final String PORT_TAKEN = "address already in use";

  private final ControlPlaneBinaries binaries;
  private final ControlPlaneLayout layout;
  private final ControlPlaneCredentials credentials;
  private final ControlPlaneState state;
  private final ControlPlanePorts ports;
  private final Detachment detachment;
  private final Processes processes;
  private final @Nullable Thread shutdownHook;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private ControlPlane(
      ControlPlaneBinaries binaries,
      ControlPlaneLayout layout,
      ControlPlaneCredentials credentials,
      ControlPlaneState state,
      ControlPlanePorts ports,
      Detachment detachment,
      Processes processes,
      @Nullable Thread shutdownHook) {
    this.binaries = binaries;
    this.layout = layout;
    this.credentials = credentials;
    this.state = state;
    this.ports = ports;
    this.detachment = detachment;
    this.processes = processes;
    this.shutdownHook = shutdownHook;
  }

  /** etcd and kube-apiserver of one start attempt, in the order they are stopped. */
  private record Processes(ManagedProcess apiServer, ManagedProcess etcd) {
    List<ManagedProcess> stopOrder() {
      return List.of(apiServer, etcd);
    }

    void stop() {
      stopOrder().forEach(process -> process.stop(STOP_GRACE));
    }
  }

  /** Thrown inside {@link #start} when another process bound one of the chosen ports first. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }

  /** An attached control plane with the system clock and a fresh {@link SecureRandom}. */
  public static ControlPlane start(ControlPlaneBinaries binaries, Path runDirectory) {
    return start(
        binaries, runDirectory, Detachment.ATTACHED, Clock.systemUTC(), new SecureRandom());
  }

  /**
   * Generates credentials into {@code runDirectory}, starts etcd and kube-apiserver and returns
   * once {@code /readyz} answers 200. Earlier etcd data in the directory is discarded.
   */
  public static ControlPlane start(
      ControlPlaneBinaries binaries,
      Path runDirectory,
      Detachment detachment,
      Clock clock,
      SecureRandom random) {
    Instant startedAt = clock.instant();
    ControlPlaneLayout layout = new ControlPlaneLayout(runDirectory);
    prepare(layout);
    ControlPlaneCredentials credentials = ControlPlaneCredentials.generate(clock, random);
    credentials.writeTo(layout);
    for (int attempt = 1; ; attempt++) {
      ControlPlanePorts ports = ControlPlanePorts.allocate();
      Processes processes = launch(binaries, layout, ports, detachment);
      Thread shutdownHook =
          detachment == Detachment.ATTACHED ? addShutdownHook(processes, layout) : null;
      ApiServerProbe probe =
          ApiServerProbe.create(
              ports.apiServerUrl(),
              credentials.servingCa().certificatePem(),
              credentials.admin().certificatePem(),
              credentials.admin().privateKeyPem());
      try {
        awaitReady(processes, probe);
        String version = probe.version();
        ControlPlaneState state =
            new ControlPlaneState(
                ports.apiServerUrl(),
                ports.etcdClientUrl(),
                version,
                startedAt,
                Duration.between(startedAt, clock.instant()));
        state.writeTo(layout.stateFile());
        adminKubeconfig(state.apiServerUrl(), credentials).writeTo(layout.adminKubeconfig());
        return new ControlPlane(
            binaries, layout, credentials, state, ports, detachment, processes, shutdownHook);
      } catch (PortTakenException e) {
        abandon(processes, shutdownHook, layout);
        if (attempt == START_ATTEMPTS) {
          throw new ControlPlaneException(e.getMessage() + ", " + attempt + " times in a row", e);
        }
      } catch (RuntimeException e) {
        abandon(processes, shutdownHook, layout);
        throw e;
      }
    }
  }

  /** Undoes a failed start attempt. */
  private static void abandon(
      Processes processes, @Nullable Thread shutdownHook, ControlPlaneLayout layout) {
    processes.stop();
    removeShutdownHook(shutdownHook);
    deleteRecursively(layout.pids());
  }

  private static void prepare(ControlPlaneLayout layout) {
    deleteRecursively(layout.etcdData());
    deleteRecursively(layout.pids());
    try {
      Files.createDirectories(layout.logs());
      Files.createDirectories(layout.pki());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + layout.root(), e);
    }
  }

  private static Processes launch(
      ControlPlaneBinaries binaries,
      ControlPlaneLayout layout,
      ControlPlanePorts ports,
      Detachment detachment) {
    // kube-apiserver retries etcd until it answers, so both start at once.
    ManagedProcess etcd =
        ManagedProcess.start(
            ETCD, ControlPlaneCommands.etcd(binaries, layout, ports), layout.log(ETCD), detachment);
    ManagedProcess apiServer =
        ManagedProcess.start(
            KUBE_APISERVER,
            ControlPlaneCommands.kubeApiserver(binaries, layout, ports),
            layout.log(KUBE_APISERVER),
            detachment);
    if (detachment == Detachment.DETACHED) {
      etcd.writePidFile(layout.pidFile(ETCD));
      apiServer.writePidFile(layout.pidFile(KUBE_APISERVER));
    }
    return new Processes(apiServer, etcd);
  }

  private static void awaitReady(Processes processes, ApiServerProbe probe) {
    AtomicReference<String> lastAnswer = new AtomicReference<>("no answer yet");
    try {
      Awaitility.await("kube-apiserver " + probe.apiServerUrl() + "/readyz")
          .atMost(READY_TIMEOUT)
          .pollDelay(POLL_INTERVAL)
          .pollInterval(POLL_INTERVAL)
          .failFast(
              "a control-plane process exited",
              () -> processes.stopOrder().stream().anyMatch(process -> !process.isAlive()))
          .until(
              () -> {
                ApiServerProbe.Readiness readiness = probe.readyz();
                lastAnswer.set(readiness.detail());
                return readiness.ready();
              });
    } catch (TerminalFailureException e) {
      ManagedProcess exited =
          processes.stopOrder().stream()
              .filter(process -> !process.isAlive())
              .findFirst()
              .orElse(processes.apiServer());
      if (logMentions(exited.logFile(), PORT_TAKEN)) {
        throw new PortTakenException("another process took a port of " + exited.name());
      }
      throw new ControlPlaneException(
          exited.name() + " exited during start; see " + exited.logFile());
    } catch (ConditionTimeoutException e) {
      throw new ControlPlaneException(
          "kube-apiserver not ready after "
              + READY_TIMEOUT.toSeconds()
              + "s (last answer: "
              + lastAnswer.get()
              + "); see "
              + processes.apiServer().logFile());
    }
  }

  private static boolean logMentions(Path logFile, String text) {
    try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
      return lines.anyMatch(line -> line.contains(text));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  private static Kubeconfig adminKubeconfig(URI server, ControlPlaneCredentials credentials) {
    return new Kubeconfig(
        server,
        credentials.servingCa().certificatePem(),
        ControlPlaneCredentials.ADMIN_USER,
        new KubeconfigCredential.ClientCertificate(
            credentials.admin().certificatePem(),
            Pem.encodeTraditionalPrivateKey(credentials.admin().privateKey())));
  }

  /** Stops the processes should the JVM end before {@link #stop()} (not on SIGKILL). */
  private static Thread addShutdownHook(Processes processes, ControlPlaneLayout layout) {
    Thread hook =
        new Thread(
            () -> {
              processes.stop();
              deleteRecursively(layout.etcdData());
            },
            "kube-testkit-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeShutdownHook(@Nullable Thread hook) {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down, and the hook is running or will run.
    }
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

  public ControlPlaneBinaries binaries() {
    return binaries;
  }

  public ControlPlaneLayout layout() {
    return layout;
  }

  public ControlPlaneCredentials credentials() {
    return credentials;
  }

  public ControlPlaneState state() {
    return state;
  }

  public ControlPlanePorts ports() {
    return ports;
  }

  /** kube-apiserver and etcd, in the order {@link #stop()} ends them. */
  public List<ManagedProcess> processes() {
    return processes.stopOrder();
  }

  public Detachment detachment() {
    return detachment;
  }

  /** The {@code gitVersion} the API server reports, for example {@code v1.34.4}. */
  public String version() {
    return state.kubernetesVersion();
  }

  public URI apiServerUrl() {
    return state.apiServerUrl();
  }

  public URI etcdUrl() {
    return state.etcdUrl();
  }

  /** From the start of {@link #start} until {@code /readyz} answered and the version was read. */
  public Duration startupTime() {
    return state.startupTime();
  }

  public Path adminKubeconfig() {
    return layout.adminKubeconfig();
  }

  /**
   * Terminates kube-apiserver, then etcd (SIGTERM, SIGKILL after a grace period) and waits until
   * both are gone. An attached control plane also discards its etcd data. Idempotent.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    removeShutdownHook(shutdownHook);
    processes.stop();
    if (detachment == Detachment.ATTACHED) {
      deleteRecursively(layout.etcdData());
    } else {
      deleteRecursively(layout.pids());
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "ControlPlane[" + version() + " at " + apiServerUrl() + ", " + layout.root() + "]";
  }
}
