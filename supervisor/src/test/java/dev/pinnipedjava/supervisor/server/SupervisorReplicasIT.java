package dev.pinnipedjava.supervisor.server;

import static dev.pinnipedjava.supervisor.testing.TestFederationDomains.federationDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.testing.RunningSupervisor;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * Two Supervisor replicas in one namespace, as the Deployment runs them: one leads and writes the
 * FederationDomain's status and keys, both serve the issuer with the keys the leader wrote, and
 * when the leader stops the other takes over its writes at once.
 */
@WithKubeControlPlane
class SupervisorReplicasIT {
  private static final String NAMESPACE = "supervisor-replicas-it";
  private static final String ISSUER = "https://replicas.example.com/issuer";

  private final KubernetesClient client;

  SupervisorReplicasIT(KubeControlPlane controlPlane) {
    this.client = controlPlane.adminClient();
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
  }

  @Test
  void oneReplicaWritesBothServeAndTheOtherTakesOverWhenTheLeaderStops() {
    RunningSupervisor first = RunningSupervisor.start(client, NAMESPACE);
    RunningSupervisor second = RunningSupervisor.start(client, NAMESPACE);
    try {
      eventually().until(() -> first.supervisor().isLeader() || second.supervisor().isLeader());
      RunningSupervisor leader = first.supervisor().isLeader() ? first : second;
      RunningSupervisor follower = leader == first ? second : first;
      assertThat(follower.supervisor().isLeader()).isFalse();

      first.createOidcIdentityProvider("replicated-idp", false);
      FederationDomain federationDomain =
          federationDomain()
              .namespace(NAMESPACE)
              .name("replicated")
              .issuer(ISSUER)
              .identityProvider("Okta", "OIDCIdentityProvider", "replicated-idp")
              .build();
      federationDomain.getMetadata().setUid(null);
      federationDomain.getMetadata().setGeneration(null);
      client.resource(federationDomain).create();

      eventually().until(() -> phase() == Phase.READY);
      Key key = Key.namespaced(NAMESPACE, "replicated");
      for (RunningSupervisor replica : new RunningSupervisor[] {leader, follower}) {
        eventually()
            .until(
                () ->
                    published(replica)
                        && replica.supervisor().keys().forFederationDomain(key).isPresent());
      }
      String jwksSecret = jwksSecretName();
      String firstJwks = jwksOf(jwksSecret);

      leader.supervisor().close();
      // At its next try (every 26 s), well before the 137 s Lease would have expired: the stopping
      // leader gave it up.
      await("the follower takes over")
          .atMost(Duration.ofSeconds(45))
          .until(() -> follower.supervisor().isLeader());
      client.secrets().inNamespace(NAMESPACE).withName(jwksSecret).delete();
      eventually()
          .until(
              () ->
                  client.secrets().inNamespace(NAMESPACE).withName(jwksSecret).get() != null
                      && !jwksOf(jwksSecret).equals(firstJwks));
      assertThat(published(follower)).isTrue();
    } finally {
      first.close();
      second.close();
    }
  }

  private Phase phase() {
    FederationDomain stored =
        client
            .resources(FederationDomain.class)
            .inNamespace(NAMESPACE)
            .withName("replicated")
            .get();
    Phase phase = stored == null || stored.getStatus() == null ? null : stored.getStatus().phase();
    return phase == null ? Phase.PENDING : phase;
  }

  private String jwksSecretName() {
    FederationDomain stored =
        client
            .resources(FederationDomain.class)
            .inNamespace(NAMESPACE)
            .withName("replicated")
            .get();
    return Objects.requireNonNull(
            Objects.requireNonNull(stored.getStatus().secrets(), "status.secrets").jwks(),
            "status.secrets.jwks")
        .name();
  }

  private String jwksOf(String secretName) {
    Secret secret = client.secrets().inNamespace(NAMESPACE).withName(secretName).get();
    return secret == null ? "" : String.valueOf(secret.getData());
  }

  private static boolean published(RunningSupervisor replica) {
    return replica.supervisor().router().issuers().stream()
        .map(FederationDomainIssuer::issuer)
        .anyMatch(ISSUER::equals);
  }
}
