package dev.pinnipedjava.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A controller on a real informer reacts to a ConfigMap's creation, update and deletion in a real
 * API server, reading the object from its cache as a syncer does.
 */
@WithKubeControlPlane
class ControllerIT {
  private static final String NAMESPACE = "controller-it";

  /** What a sync saw in the cache: the value, or null when the object was gone. */
  record Observation(Key key, String value) {}

  private final KubernetesClient client;
  private final List<Observation> observations = new CopyOnWriteArrayList<>();
  private InformerResourceCache<ConfigMap> cache;
  private Controller controller;

  ControllerIT(KubeControlPlane controlPlane) {
    this.client = controlPlane.adminClient();
  }

  @BeforeEach
  void start() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    cache =
        InformerResourceCache.of(
                client
                    .configMaps()
                    .inNamespace(NAMESPACE)
                    .withLabel("watched", "yes")
                    .runnableInformer(0),
                "watched config maps")
            .start();
    controller =
        Controller.builder(
                "configmap-observer",
                context ->
                    observations.add(
                        new Observation(
                            context.key(),
                            cache
                                .get(context.key())
                                .map(configMap -> configMap.getData().get("value"))
                                .orElse("<gone>"))))
            .watch(cache, EventFilter.self())
            .build()
            .start();
    await().atMost(Duration.ofSeconds(30)).until(controller::hasSynced);
  }

  @AfterEach
  void stop() {
    controller.close();
    cache.close();
    client.configMaps().inNamespace(NAMESPACE).withLabel("watched", "yes").delete();
  }

  @Test
  void reactsToCreateUpdateAndDelete() {
    Key key = Key.namespaced(NAMESPACE, "observed");
    ConfigMap created =
        client
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withNamespace(NAMESPACE)
                    .withName("observed")
                    .withLabels(Map.of("watched", "yes"))
                    .endMetadata()
                    .withData(Map.of("value", "one"))
                    .build())
            .create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> observations.contains(new Observation(key, "one")));

    created.setData(Map.of("value", "two"));
    client.resource(created).update();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> observations.contains(new Observation(key, "two")));

    client.resource(created).delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> observations.contains(new Observation(key, "<gone>")));
  }

  @Test
  void ignoresWhatTheInformerDoesNotWatch() {
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName("unwatched")
                .endMetadata()
                .withData(Map.of("value", "x"))
                .build())
        .create();
    Key marker = Key.namespaced(NAMESPACE, "marker");
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName("marker")
                .withLabels(Map.of("watched", "yes"))
                .endMetadata()
                .withData(Map.of("value", "m"))
                .build())
        .create();

    // Events arrive in order: once the later, watched object is seen, the earlier one was skipped.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> observations.contains(new Observation(marker, "m")));
    assertThat(observations)
        .extracting(Observation::key)
        .doesNotContain(Key.namespaced(NAMESPACE, "unwatched"));
    client.configMaps().inNamespace(NAMESPACE).withName("unwatched").delete();
  }
}
