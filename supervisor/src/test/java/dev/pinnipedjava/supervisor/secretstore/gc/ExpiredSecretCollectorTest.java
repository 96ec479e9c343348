package dev.pinnipedjava.supervisor.secretstore.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceEvent;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.testkit.clock.MutableClock;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExpiredSecretCollectorTest {
  private static final Instant NOW = Instant.parse("2025-07-02T10:00:00Z");
  private static final String ANNOTATION = "storage.pinniped.dev/garbage-collect-after";

  private final MutableClock clock = new MutableClock(NOW);
  private final InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
  private final List<String> deleted = new ArrayList<>();
  private final List<String> failing = new ArrayList<>();
  private final ExpiredSecretCollector collector =
      new ExpiredSecretCollector(
          secrets,
          secret -> {
            String name = secret.getMetadata().getName();
            if (failing.contains(name)) {
              throw new KubernetesClientException("the resource version changed");
            }
            deleted.add(name);
          },
          clock,
          Duration.ofSeconds(30));

  static Secret secret(String name, @Nullable String garbageCollectAfter) {
    SecretBuilder secret =
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace("supervisor")
            .withName(name)
            .withResourceVersion("7")
            .endMetadata();
    if (garbageCollectAfter != null) {
      secret.editMetadata().withAnnotations(Map.of(ANNOTATION, garbageCollectAfter)).endMetadata();
    }
    return secret.build();
  }

  private SyncContext sync() {
    SyncContext context =
        new SyncContext(ExpiredSecretCollector.NAME, ExpiredSecretCollector.SWEEP);
    collector.sync(context);
    return context;
  }

  @Test
  void deletesOnlySecretsWhoseTimeHasPassed() {
    secrets.put(secret("expired", "2025-07-02T09:59:59Z"));
    secrets.put(secret("expiring-now", "2025-07-02T10:00:00Z"));
    secrets.put(secret("later", "2025-07-02T10:00:01Z"));
    secrets.put(secret("forever", null));
    secrets.put(secret("unreadable", "next tuesday"));

    sync();

    assertThat(deleted).containsExactly("expired");
  }

  @Test
  void aFailedDeleteDoesNotStopTheSweep() {
    secrets.put(secret("changed-meanwhile", "2025-07-01T00:00:00Z"));
    secrets.put(secret("expired", "2025-07-01T00:00:00Z"));
    failing.add("changed-meanwhile");

    sync();

    assertThat(deleted).containsExactly("expired");
  }

  @Test
  void sweepsAtMostOncePerIntervalAndAsksToComeBackWhenItMay() {
    sync();
    secrets.put(secret("expired", "2025-07-01T00:00:00Z"));
    clock.advance(Duration.ofSeconds(10));

    SyncContext tooSoon = sync();

    assertThat(deleted).isEmpty();
    assertThat(tooSoon.requestedRequeue()).isEqualTo(Duration.ofSeconds(20));

    clock.advance(Duration.ofSeconds(20));
    SyncContext due = sync();

    assertThat(deleted).containsExactly("expired");
    assertThat(due.requestedRequeue()).isNull();
  }

  record FilterCase(String name, ResourceEvent<Secret> event, Set<Key> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<FilterCase> filterCases() {
    Secret withLifetime = secret("a", "2025-07-02T09:00:00Z");
    Secret without = secret("a", null);
    Set<Key> sweep = Set.of(ExpiredSecretCollector.SWEEP);
    return Stream.of(
        new FilterCase("a new Secret with a lifetime", ResourceEvent.added(withLifetime), sweep),
        new FilterCase("a new Secret without one", ResourceEvent.added(without), Set.of()),
        new FilterCase(
            "a Secret that gained a lifetime", ResourceEvent.updated(without, withLifetime), sweep),
        new FilterCase(
            "a Secret that lost its lifetime", ResourceEvent.updated(withLifetime, without), sweep),
        new FilterCase(
            "an update of a Secret without one", ResourceEvent.updated(without, without), Set.of()),
        new FilterCase("a deletion", ResourceEvent.deleted(withLifetime), Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterCases")
  void sweepsForSecretsWithALifetime(FilterCase c) {
    assertThat(ExpiredSecretCollector.sweepFor(c.event())).isEqualTo(c.want());
  }
}
