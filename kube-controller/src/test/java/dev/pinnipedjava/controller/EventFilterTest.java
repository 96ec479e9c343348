package dev.pinnipedjava.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventFilterTest {
  private static final Key PARENT_A = Key.namespaced("ns", "parent-a");
  private static final Key PARENT_B = Key.namespaced("ns", "parent-b");

  /**
   * Config maps labelled {@code watched=yes} belong to the parent named in label {@code parent}.
   */
  private static final EventFilter<ConfigMap> WATCHED_TO_PARENT =
      EventFilter.matching(
          object -> "yes".equals(object.getMetadata().getLabels().get("watched")),
          object ->
              Optional.ofNullable(object.getMetadata().getLabels().get("parent"))
                  .map(parent -> Key.namespaced("ns", parent)));

  record Case(
      String name, EventFilter<ConfigMap> filter, ResourceEvent<ConfigMap> event, Set<Key> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static ConfigMap configMap(String name, Map<String, String> labels) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  static final ConfigMap WATCHED_A =
      configMap("cm", Map.of("watched", "yes", "parent", "parent-a"));
  static final ConfigMap WATCHED_B =
      configMap("cm", Map.of("watched", "yes", "parent", "parent-b"));
  static final ConfigMap UNWATCHED = configMap("cm", Map.of("parent", "parent-a"));
  static final ConfigMap ORPHAN = configMap("cm", Map.of("watched", "yes"));

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "self maps to the object's key",
            EventFilter.self(),
            ResourceEvent.added(UNWATCHED),
            Set.of(Key.namespaced("ns", "cm"))),
        new Case(
            "singleton maps everything to one key",
            EventFilter.singleton(PARENT_B),
            ResourceEvent.deleted(UNWATCHED),
            Set.of(PARENT_B)),
        new Case(
            "a watched object maps to its parent",
            WATCHED_TO_PARENT,
            ResourceEvent.added(WATCHED_A),
            Set.of(PARENT_A)),
        new Case(
            "an unwatched object maps to nothing",
            WATCHED_TO_PARENT,
            ResourceEvent.added(UNWATCHED),
            Set.of()),
        new Case(
            "a watched object without parent maps to nothing",
            WATCHED_TO_PARENT,
            ResourceEvent.deleted(ORPHAN),
            Set.of()),
        new Case(
            "an update that moves the object to another parent syncs both parents",
            WATCHED_TO_PARENT,
            ResourceEvent.updated(WATCHED_A, WATCHED_B),
            Set.of(PARENT_A, PARENT_B)),
        new Case(
            "an update that stops the watch still syncs the old parent",
            WATCHED_TO_PARENT,
            ResourceEvent.updated(WATCHED_A, UNWATCHED),
            Set.of(PARENT_A)),
        new Case(
            "ignoring updates drops updates",
            EventFilter.<ConfigMap>self().ignoringUpdates(),
            ResourceEvent.updated(UNWATCHED, UNWATCHED),
            Set.of()),
        new Case(
            "ignoring updates keeps deletes",
            EventFilter.<ConfigMap>self().ignoringUpdates(),
            ResourceEvent.deleted(UNWATCHED),
            Set.of(Key.namespaced("ns", "cm"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsEventsToKeys(Case c) {
    assertThat(c.filter().keys(c.event())).containsExactlyInAnyOrderElementsOf(c.want());
  }
}
