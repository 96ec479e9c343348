package dev.pinnipedjava.controller.leaderelection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.clock.MutableClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas contend for one Lease on a real API server: one leads and writes, the other's writes
 * are refused before they are sent while its reads work; when the leader stops, the other takes
 * over at once, because the leader gave the Lease up.
 */
@WithKubeControlPlane
class LeaderElectionIT {
  private static final String NAMESPACE = "leader-election-it";
  private static final LeaseTimings FAST =
      new LeaseTimings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(1));

  private final KubernetesClient admin;
  private final List<LeaderElection> started = new ArrayList<>();

  LeaderElectionIT(KubeControlPlane controlPlane) {
    this.admin = controlPlane.adminClient();
  }

  @BeforeEach
  void namespace() {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  @AfterEach
  void stop() {
    started.forEach(LeaderElection::close);
  }

  private LeaderElection contend(String lease, String identity, AtomicInteger led) {
    LeaderElection election =
        LeaderElection.create(admin, NAMESPACE, lease, identity, FAST)
            .onStartLeading(led::incrementAndGet);
    started.add(election);
    return election.start();
  }

  @Test
  void onlyTheLeaderWritesAndALeaderThatStopsHandsOver() {
    AtomicInteger firstLed = new AtomicInteger();
    AtomicInteger secondLed = new AtomicInteger();
    LeaderElection first = contend("handover", "replica-a", firstLed);
    await("replica-a leads").atMost(Duration.ofSeconds(30)).until(first::isLeader);
    LeaderElection second = contend("handover", "replica-b", secondLed);

    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("replica-a");
    assertThat(firstLed).hasValue(1);
    writeThrough(first.controllerClient(), "from-a");
    assertThat(admin.configMaps().inNamespace(NAMESPACE).withName("from-a").get()).isNotNull();

    assertThat(second.isLeader()).isFalse();
    assertThatThrownBy(() -> writeThrough(second.controllerClient(), "from-b"))
        .satisfies(e -> assertThat(NotLeaderException.isCause(e)).isTrue())
        .hasMessageContaining("not the leader: POST");
    assertThat(admin.configMaps().inNamespace(NAMESPACE).withName("from-b").get()).isNull();
    assertThat(
            second.controllerClient().configMaps().inNamespace(NAMESPACE).withName("from-a").get())
        .as("reads pass")
        .isNotNull();

    first.close();
    // Well before the Lease would have expired (15 s): the leader released it.
    await("replica-b takes over")
        .atMost(Duration.ofSeconds(8))
        .until(() -> second.isLeader() && secondLed.get() == 1);
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("replica-b");
    writeThrough(second.controllerClient(), "from-b");
    assertThat(admin.configMaps().inNamespace(NAMESPACE).withName("from-b").get()).isNotNull();
    assertThat(first.isLeader()).isFalse();
    assertThatThrownBy(() -> writeThrough(first.controllerClient(), "after-close"))
        .satisfies(e -> assertThat(NotLeaderException.isCause(e)).isTrue());
  }

  @Test
  void aReplicaStartedAfterTheLeaderStoppedLeadsAtOnce() {
    LeaderElection first = contend("restart", "replica-a", new AtomicInteger());
    await("replica-a leads").atMost(Duration.ofSeconds(30)).until(first::isLeader);
    first.close();

    LeaderElection second = contend("restart", "replica-b", new AtomicInteger());
    await("replica-b leads").atMost(Duration.ofSeconds(8)).until(second::isLeader);
  }

  @Test
  void aLeaseHeldByAnotherIsTakenOnlyAfterItExpires() {
    LeaderElection first = contend("expiry", "replica-a", new AtomicInteger());
    await("replica-a leads").atMost(Duration.ofSeconds(30)).until(first::isLeader);
    LeaderElection second = contend("expiry", "replica-b", new AtomicInteger());
    // replica-a keeps renewing: replica-b never leads meanwhile.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !second.isLeader() && first.isLeader());
  }

  @Test
  void aLeaseItsHolderStoppedRenewingIsTakenOnceItExpired() {
    ZonedDateTime longAgo = ZonedDateTime.now(ZoneOffset.UTC).minusHours(1);
    admin
        .leases()
        .inNamespace(NAMESPACE)
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName("abandoned")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("crashed-replica")
                .withLeaseDurationSeconds(15)
                .withAcquireTime(longAgo)
                .withRenewTime(longAgo)
                .withLeaseTransitions(3)
                .endSpec()
                .build())
        .create();
    MutableClock clock = new MutableClock(Instant.now());
    LeaderElection election =
        LeaderElection.create(admin, NAMESPACE, "abandoned", "replica-a", FAST, clock);
    started.add(election);
    election.start();

    // The record's own timestamps say nothing: expiry counts from when this replica saw it.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !election.isLeader());
    clock.advance(FAST.leaseDuration());
    await("replica-a takes the expired Lease")
        .atMost(Duration.ofSeconds(10))
        .until(election::isLeader);
    Lease taken = admin.leases().inNamespace(NAMESPACE).withName("abandoned").get();
    assertThat(taken.getSpec().getHolderIdentity()).isEqualTo("replica-a");
    assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(4);
  }

  private Lease lease() {
    return admin.leases().inNamespace(NAMESPACE).withName("handover").get();
  }

  private static void writeThrough(KubernetesClient client, String name) {
    ConfigMap configMap =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withData(Map.of("written", "yes"))
            .build();
    client.configMaps().inNamespace(NAMESPACE).resource(configMap).create();
  }
}
