package dev.pinnipedjava.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappedResourceCacheTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static GenericKubernetesResource generic(String name, String value) {
    ConfigMap configMap =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName(name)
            .endMetadata()
            .withData(Map.of("value", value))
            .build();
    return SERIALIZATION.convertValue(configMap, GenericKubernetesResource.class);
  }

  @Test
  void readsAndEventsAreConverted() {
    InMemoryResourceCache<GenericKubernetesResource> source = InMemoryResourceCache.create();
    MappedResourceCache<GenericKubernetesResource, ConfigMap> typed =
        MappedResourceCache.of(
            source, object -> SERIALIZATION.convertValue(object, ConfigMap.class));
    source.put(generic("a", "1"));
    List<ResourceEvent<ConfigMap>> events = new ArrayList<>();
    typed.addListener(events::add);

    source.put(generic("a", "2"));
    source.remove(Key.namespaced("ns", "a"));
    source.put(generic("b", "3"));

    assertThat(typed.get(Key.namespaced("ns", "b")).orElseThrow().getData())
        .containsEntry("value", "3");
    assertThat(typed.list())
        .extracting(configMap -> configMap.getMetadata().getName())
        .containsExactly("b");
    assertThat(events)
        .extracting(event -> event.type() + " " + event.object().getData().get("value"))
        .containsExactly("ADDED 1", "UPDATED 2", "DELETED 2", "ADDED 3");
    assertThat(java.util.Objects.requireNonNull(events.get(1).previous()).getData())
        .containsEntry("value", "1");
    assertThat(typed.hasSynced()).isTrue();
  }
}
