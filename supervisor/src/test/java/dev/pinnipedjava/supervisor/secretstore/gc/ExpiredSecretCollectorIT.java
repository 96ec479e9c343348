package dev.pinnipedjava.supervisor.secretstore.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.controller.Controller;
import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.controller.InformerResourceCache;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.supervisor.secretstore.KubernetesSecretStore;
import dev.pinnipedjava.supervisor.secretstore.SecretStore;
import dev.pinnipedjava.supervisor.secretstore.StorageType;
import dev.pinnipedjava.supervisor.secretstore.VersionedShape;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.clock.MutableClock;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The collector deletes expired storage Secrets from a real API server, and nothing else. */
@WithKubeControlPlane
class ExpiredSecretCollectorIT {
  private static final String NAMESPACE = "gc-it";

  /** Version history: "1" first version. */
  record Note(String text, String version) implements VersionedShape {}

  private static final StorageType<Note> NOTES = new StorageType<>("note", Note.class, "1");

  private final KubernetesClient client;

  ExpiredSecretCollectorIT(KubeControlPlane controlPlane) {
    this.client = controlPlane.adminClient();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  @Test
  void deletesExpiredStorageSecrets() {
    MutableClock clock = new MutableClock(Instant.now());
    SecretStore<Note> notes =
        new KubernetesSecretStore<>(client, NAMESPACE, NOTES, clock, new ObjectMapper());
    notes.create("short", new Note("short", "1"), Map.of(), List.of(), Duration.ofMinutes(1));
    notes.create("long", new Note("long", "1"), Map.of(), List.of(), Duration.ofHours(1));
    notes.create("forever", new Note("forever", "1"), Map.of(), List.of(), null);

    // The collector's clock is two minutes ahead: only "short" has expired for it.
    clock.advance(Duration.ofMinutes(2));
    InformerResourceCache<Secret> secrets =
        InformerResourceCache.of(
                client.secrets().inNamespace(NAMESPACE).runnableInformer(0), "secrets")
            .start();
    try (Controller collector = ExpiredSecretCollector.controller(secrets, client, clock).start()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client.secrets().inNamespace(NAMESPACE).withName(notes.secretName("short")).get()
                      == null);
    } finally {
      secrets.close();
    }

    assertThat(client.secrets().inNamespace(NAMESPACE).withName(notes.secretName("long")).get())
        .isNotNull();
    assertThat(client.secrets().inNamespace(NAMESPACE).withName(notes.secretName("forever")).get())
        .isNotNull();
  }

  @Test
  void doesNotDeleteASecretThatChangedSinceItWasSeen() {
    MutableClock clock = new MutableClock(Instant.now());
    SecretStore<Note> notes =
        new KubernetesSecretStore<>(client, NAMESPACE, NOTES, clock, new ObjectMapper());
    notes.create("stale", new Note("v1", "1"), Map.of(), List.of(), Duration.ofMinutes(1));
    String name = notes.secretName("stale");
    Secret seen = client.secrets().inNamespace(NAMESPACE).withName(name).get();
    notes.update("stale", seen.getMetadata().getResourceVersion(), new Note("v2", "1"));
    InMemoryResourceCache<Secret> staleCache = InMemoryResourceCache.create();
    staleCache.put(seen);
    clock.advance(Duration.ofMinutes(2));

    new ExpiredSecretCollector(
            staleCache,
            ExpiredSecretCollector.kubernetesDeleter(client),
            clock,
            ExpiredSecretCollector.MINIMUM_REPEAT_INTERVAL)
        .sync(new SyncContext("test", ExpiredSecretCollector.SWEEP));

    assertThat(client.secrets().inNamespace(NAMESPACE).withName(name).get()).isNotNull();
  }
}
