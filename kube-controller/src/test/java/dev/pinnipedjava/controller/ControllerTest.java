package dev.pinnipedjava.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.controller.leaderelection.NotLeaderException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControllerTest {
  private static final RetryBackoff FAST =
      new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(50));
  private static final Duration LONG = Duration.ofDays(1);

  private final RecordingSyncer syncer = new RecordingSyncer();
  private Controller controller = Controller.builder("unused", syncer).build();

  @AfterEach
  void stop() {
    controller.close();
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5));
  }

  private static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName(name)
        .endMetadata()
        .withData(Map.of("value", value))
        .build();
  }

  private Controller start(Controller.Builder builder) {
    controller = builder.build().start();
    return controller;
  }

  @Test
  void syncsTheKeyOfEachObjectEvent() {
    InMemoryResourceCache<ConfigMap> cache = InMemoryResourceCache.create();
    cache.put(configMap("existing", "1"));
    start(Controller.builder("test", syncer).watch(cache, EventFilter.self()).resyncPeriod(LONG));

    cache.put(configMap("added", "1"));
    eventually()
        .untilAsserted(
            () ->
                assertThat(syncer.synced())
                    .contains(Key.namespaced("ns", "existing"), Key.namespaced("ns", "added")));

    cache.remove(Key.namespaced("ns", "existing"));
    eventually().until(() -> syncer.count(Key.namespaced("ns", "existing")) == 2);
  }

  @Test
  void waitsForEveryCacheToSyncBeforeTheFirstSync() {
    InMemoryResourceCache<ConfigMap> synced = InMemoryResourceCache.create();
    InMemoryResourceCache<Secret> unsynced = InMemoryResourceCache.unsynced();
    synced.put(configMap("cm", "1"));
    CountDownLatch firstSync = new CountDownLatch(1);
    syncer.onSync(context -> firstSync.countDown());
    start(
        Controller.builder("test", syncer)
            .watch(synced, EventFilter.self())
            .watch(unsynced, EventFilter.self())
            .resyncPeriod(LONG));

    // The queue holds the key; only the other cache's sync lets the worker start.
    assertThat(controller.hasSynced()).isFalse();
    assertThat(syncer.synced()).isEmpty();

    unsynced.markSynced();
    eventually().until(() -> firstSync.getCount() == 0);
    assertThat(controller.hasSynced()).isTrue();
  }

  @Test
  void eventsForAKeyWhileItSyncsCauseExactlyOneMoreSync() throws InterruptedException {
    InMemoryResourceCache<ConfigMap> cache = InMemoryResourceCache.create();
    CountDownLatch inFirstSync = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    syncer.onSync(
        context -> {
          inFirstSync.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    start(Controller.builder("test", syncer).watch(cache, EventFilter.self()).resyncPeriod(LONG));

    cache.put(configMap("cm", "1"));
    assertThat(inFirstSync.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 2; i <= 5; i++) {
      cache.put(configMap("cm", Integer.toString(i)));
    }
    release.countDown();

    Key key = Key.namespaced("ns", "cm");
    eventually().until(() -> syncer.count(key) == 2);
    // One more event proves the queue is idle again rather than still draining duplicates.
    cache.put(configMap("cm", "6"));
    eventually().until(() -> syncer.count(key) == 3);
    assertThat(syncer.count(key)).isEqualTo(3);
  }

  @Test
  void aSyncThatThrowsIsRetriedWithBackoffUntilItSucceeds() {
    InMemoryResourceCache<ConfigMap> cache = InMemoryResourceCache.create();
    AtomicInteger attempts = new AtomicInteger();
    syncer.onSync(
        context -> {
          if (attempts.incrementAndGet() < 4) {
            throw new IllegalStateException("the API server is unreachable");
          }
        });
    start(
        Controller.builder("test", syncer)
            .watch(cache, EventFilter.self())
            .retryBackoff(FAST)
            .resyncPeriod(LONG));

    cache.put(configMap("cm", "1"));

    eventually().until(() -> attempts.get() == 4);
    assertThat(syncer.synced()).containsOnly(Key.namespaced("ns", "cm"));
  }

  @Test
  void aSyncLeftToTheLeaderIsNotRetriedUntilTheResyncOnBecomingTheLeader() {
    InMemoryResourceCache<ConfigMap> cache = InMemoryResourceCache.create();
    AtomicBoolean leads = new AtomicBoolean();
    syncer.onSync(
        context -> {
          if (!leads.get()) {
            throw new NotLeaderException("PUT", "/api/v1/namespaces/ns/configmaps/cm");
          }
        });
    start(
        Controller.builder("test", syncer)
            .watch(cache, EventFilter.self())
            .retryBackoff(FAST)
            .resyncPeriod(LONG));
    Key key = Key.namespaced("ns", "cm");

    cache.put(configMap("cm", "1"));

    eventually().until(() -> syncer.count(key) == 1);
    // No retry with backoff (FAST would have retried within milliseconds).
    await().during(Duration.ofMillis(300)).until(() -> syncer.count(key) == 1);
    leads.set(true);
    controller.resyncNow();
    eventually().until(() -> syncer.count(key) == 2);
  }

  @Test
  void aSyncCanAskToRunAgainLater() {
    InMemoryResourceCache<ConfigMap> cache = InMemoryResourceCache.create();
    syncer.onSync(
        context -> {
          if (syncer.count(context.key()) < 3) {
            context.requeueAfter(Duration.ofMillis(10));
          }
        });
    start(Controller.builder("test", syncer).watch(cache, EventFilter.self()).resyncPeriod(LONG));

    cache.put(configMap("cm", "1"));

    eventually().until(() -> syncer.count(Key.namespaced("ns", "cm")) == 3);
  }

  @Test
  void theInitialEventIsSyncedWithoutAnyObject() {
    Key singleton = Key.namespaced("ns", "singleton");
    start(Controller.builder("test", syncer).initialEvent(singleton).resyncPeriod(LONG));

    eventually().untilAsserted(() -> assertThat(syncer.synced()).containsExactly(singleton));
  }

  @Test
  void everyCachedKeyAndTheInitialEventAreSyncedAgainEachResyncPeriod() {
    InMemoryResourceCache<ConfigMap> cache = InMemoryResourceCache.create();
    cache.put(configMap("a", "1"));
    cache.put(configMap("b", "1"));
    Key initial = Key.namespaced("ns", "initial");
    start(
        Controller.builder("test", syncer)
            .watch(cache, EventFilter.self())
            .initialEvent(initial)
            .resyncPeriod(Duration.ofMillis(20)));

    eventually()
        .until(
            () ->
                List.of(Key.namespaced("ns", "a"), Key.namespaced("ns", "b"), initial).stream()
                    .allMatch(key -> syncer.count(key) >= 3));
  }

  @Test
  void aFilterMapsAChildEventToItsParentKey() {
    InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
    start(
        Controller.builder("test", syncer)
            .watch(
                secrets,
                EventFilter.matching(
                    secret -> "owned".equals(secret.getType()),
                    secret ->
                        Optional.ofNullable(secret.getMetadata().getLabels().get("owner"))
                            .map(owner -> Key.namespaced("ns", owner))))
            .resyncPeriod(LONG));

    secrets.put(
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("ignored")
            .endMetadata()
            .withType("Opaque")
            .build());
    secrets.put(
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("child")
            .withLabels(Map.of("owner", "parent"))
            .endMetadata()
            .withType("owned")
            .build());

    eventually()
        .untilAsserted(
            () -> assertThat(syncer.synced()).containsExactly(Key.namespaced("ns", "parent")));
  }

  @Test
  void closeStopsSyncing() {
    InMemoryResourceCache<ConfigMap> cache = InMemoryResourceCache.create();
    start(Controller.builder("test", syncer).watch(cache, EventFilter.self()).resyncPeriod(LONG));
    cache.put(configMap("before", "1"));
    eventually().until(() -> syncer.count(Key.namespaced("ns", "before")) == 1);

    assertThat(controller.isRunning()).isTrue();

    controller.close();
    cache.put(configMap("after", "1"));
    controller.enqueue(Key.namespaced("ns", "after"));

    // close() returns only once the worker thread has ended: nothing can sync any more.
    assertThat(controller.isRunning()).isFalse();
    assertThat(syncer.synced()).containsExactly(Key.namespaced("ns", "before"));
  }
}
