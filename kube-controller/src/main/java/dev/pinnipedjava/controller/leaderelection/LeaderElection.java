package dev.pinnipedjava.controller.leaderelection;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Takes part in the election of a leader among a server's replicas through a Lease, as Pinniped and
 * Kubernetes' own components do: every replica runs its controllers and keeps its caches warm, but
 * only the leader's writes reach the API server; {@link #controllerClient()} refuses the others'
 * with {@link NotLeaderException}. Writes that any replica may make (session storage, answers to
 * API requests) use the ordinary client.
 *
 * <p>Every retry period a replica reads the Lease: the leader renews it; another replica takes it
 * when it has no holder or when its record has not changed for a whole lease duration, measured on
 * this replica's clock from when it first saw that record (so that clock skew between replicas does
 * not matter). A leader that could not renew for the renew deadline stops leading before its Lease
 * can expire. Updates are guarded by the Lease's resource version, so two replicas never both win.
 * {@link #close()} gives the Lease up, so a successor leads at once.
 */
public final class LeaderElection implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LeaderElection.class);

  private final KubernetesClient client;
  private final KubernetesClient controllerClient;
  private final String namespace;
  private final String leaseName;
  private final String identity;
  private final LeaseTimings timings;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final List<Runnable> onStartLeading = new ArrayList<>();
  private volatile boolean leader;
  private boolean started;
  private boolean closed;

  // Touched by the timer thread only.
  private @Nullable String observedVersion;
  private Instant observedAt = Instant.EPOCH;
  private Instant lastRenewal = Instant.EPOCH;

  private LeaderElection(
      KubernetesClient client,
      String namespace,
      String leaseName,
      String identity,
      LeaseTimings timings,
      Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.leaseName = leaseName;
    this.identity = identity;
    this.timings = timings;
    this.clock = clock;
    this.controllerClient =
        new KubernetesClientBuilder()
            .withConfig(client.getConfiguration())
            .withHttpClientBuilderConsumer(
                builder ->
                    builder.addOrReplaceInterceptor(
                        "leader-only-writes", new LeaderOnlyWrites(this::isLeader)))
            .build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "leader-election-" + leaseName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Prepares to contend for the Lease {@code namespace/leaseName} as {@code identity} (unique per
   * replica, see {@link #hostIdentity()}). Register {@link #onStartLeading} callbacks, then {@link
   * #start()}.
   */
  public static LeaderElection create(
      KubernetesClient client,
      String namespace,
      String leaseName,
      String identity,
      LeaseTimings timings,
      Clock clock) {
    return new LeaderElection(client, namespace, leaseName, identity, timings, clock);
  }

  /** With the system clock. */
  public static LeaderElection create(
      KubernetesClient client,
      String namespace,
      String leaseName,
      String identity,
      LeaseTimings timings) {
    return create(client, namespace, leaseName, identity, timings, Clock.systemUTC());
  }

  /**
   * This replica's name in the election, as Kubernetes' own components choose it: the host name (in
   * a pod, the pod's name) and a random suffix, so that two processes on one host differ.
   */
  public static String hostIdentity() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "localhost";
      }
    }
    return host + "_" + UUID.randomUUID();
  }

  /** Runs {@code callback} each time this replica becomes the leader. */
  public synchronized LeaderElection onStartLeading(Runnable callback) {
    onStartLeading.add(callback);
    return this;
  }

  /** Starts contending; returns at once. */
  @SuppressWarnings("FutureReturnValueIgnored") // tryOnce handles its own failures
  public synchronized LeaderElection start() {
    if (started || closed) {
      throw new IllegalStateException("leader election for " + leaseName + " was already started");
    }
    started = true;
    LOG.infof("%s contends for the Lease %s/%s", identity, namespace, leaseName);
    timer.scheduleWithFixedDelay(
        this::tryOnce, 0, timings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * A client whose writes fail with {@link NotLeaderException} while this replica does not lead.
   */
  public KubernetesClient controllerClient() {
    return controllerClient;
  }

  public boolean isLeader() {
    return leader;
  }

  public String identity() {
    return identity;
  }

  /** What one round found. */
  private enum Round {
    HELD,
    HELD_BY_ANOTHER,
    UNKNOWN
  }

  private void tryOnce() {
    Round round;
    try {
      round = acquireOrRenew() ? Round.HELD : Round.HELD_BY_ANOTHER;
    } catch (KubernetesClientException e) {
      round = Round.UNKNOWN;
      if (e.getCode() != 409) { // a conflict: another replica wrote first, seen next round
        LOG.warnf(
            "%s could not read or write the Lease %s/%s: %s",
            identity, namespace, leaseName, e.getMessage());
      }
    } catch (RuntimeException e) {
      round = Round.UNKNOWN;
      LOG.warnf(
          e, "%s: leader election failed for the Lease %s/%s", identity, namespace, leaseName);
    }
    Instant now = clock.instant();
    switch (round) {
      case HELD -> {
        lastRenewal = now;
        if (!leader) {
          startedLeading();
        }
      }
      case HELD_BY_ANOTHER -> {
        if (leader) {
          stoppedLeading("another replica holds the Lease");
        }
      }
      case UNKNOWN -> {
        if (leader && Duration.between(lastRenewal, now).compareTo(timings.renewDeadline()) >= 0) {
          stoppedLeading("the Lease could not be renewed within the renew deadline");
        }
      }
    }
  }

  private void stoppedLeading(String reason) {
    leader = false;
    LOG.infof("%s no longer leads (Lease %s/%s): %s", identity, namespace, leaseName, reason);
  }

  /**
   * One round: reads the Lease and renews it when this replica holds it, takes it when it is free
   * or expired, creates it when missing. Whether this replica holds it afterwards.
   */
  private boolean acquireOrRenew() {
    Instant now = clock.instant();
    ZonedDateTime nowUtc = ZonedDateTime.ofInstant(now, ZoneOffset.UTC);
    Lease lease = client.leases().inNamespace(namespace).withName(leaseName).get();
    if (lease == null) {
      Lease created =
          new LeaseBuilder()
              .withNewMetadata()
              .withName(leaseName)
              .withNamespace(namespace)
              .endMetadata()
              .withNewSpec()
              .withHolderIdentity(identity)
              .withLeaseDurationSeconds(seconds(timings.leaseDuration()))
              .withAcquireTime(nowUtc)
              .withRenewTime(nowUtc)
              .withLeaseTransitions(0)
              .endSpec()
              .build();
      client.leases().inNamespace(namespace).resource(created).create();
      return true;
    }
    LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
    String version = lease.getMetadata().getResourceVersion();
    if (!Objects.equals(version, observedVersion)) {
      observedVersion = version;
      observedAt = now;
    }
    String holder = spec.getHolderIdentity();
    boolean mine = identity.equals(holder);
    if (!mine && holder != null && !holder.isEmpty()) {
      Duration duration =
          spec.getLeaseDurationSeconds() == null
              ? timings.leaseDuration()
              : Duration.ofSeconds(spec.getLeaseDurationSeconds());
      if (observedAt.plus(duration).isAfter(now)) {
        return false; // another replica holds it and renews it
      }
    }
    spec.setHolderIdentity(identity);
    spec.setLeaseDurationSeconds(seconds(timings.leaseDuration()));
    spec.setRenewTime(nowUtc);
    if (!mine) {
      spec.setAcquireTime(nowUtc);
      spec.setLeaseTransitions(
          (spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions()) + 1);
    }
    lease.setSpec(spec);
    Lease updated = client.leases().inNamespace(namespace).resource(lease).update();
    observedVersion = updated.getMetadata().getResourceVersion();
    observedAt = now;
    return true;
  }

  private void startedLeading() {
    List<Runnable> callbacks;
    synchronized (this) {
      leader = true;
      callbacks = List.copyOf(onStartLeading);
    }
    LOG.infof("%s leads (Lease %s/%s)", identity, namespace, leaseName);
    for (Runnable callback : callbacks) {
      try {
        callback.run();
      } catch (RuntimeException e) {
        LOG.warnf("a callback on becoming the leader failed: %s", e.toString());
      }
    }
  }

  private static int seconds(Duration duration) {
    return Math.toIntExact(Math.max(1, duration.toSeconds()));
  }

  /** Stops contending and gives the Lease up when this replica holds it. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (leader) {
      stoppedLeading("stopping");
    }
    release();
    controllerClient.close();
  }

  /**
   * Marks the Lease free (no holder) when this replica still holds it, guarded by its resource
   * version, so that a successor leads at once.
   */
  private void release() {
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(leaseName).get();
      if (lease == null
          || lease.getSpec() == null
          || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setRenewTime(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
      client.leases().inNamespace(namespace).resource(lease).update();
      LOG.infof("%s gave up the Lease %s/%s", identity, namespace, leaseName);
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not give up the Lease %s/%s; another replica leads once it expired: %s",
          namespace, leaseName, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "LeaderElection[" + namespace + "/" + leaseName + " as " + identity + "]";
  }
}
