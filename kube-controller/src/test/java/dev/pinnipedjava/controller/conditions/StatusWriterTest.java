package dev.pinnipedjava.controller.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.condition.Phase;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusWriterTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final ConfigMap OBJECT =
      new ConfigMapBuilder()
          .withNewMetadata()
          .withNamespace("ns")
          .withName("o")
          .endMetadata()
          .build();

  record Patch(HasMetadata object, String body) {}

  record Status(Phase phase, List<dev.pinnipedjava.api.condition.Condition> conditions) {}

  private final List<Patch> patches = new ArrayList<>();
  private final StatusWriter writer =
      new StatusWriter((object, body) -> patches.add(new Patch(object, body)), JSON);

  private static JsonNode json(Object value) {
    return JSON.unmarshal(JSON.asJson(value), JsonNode.class);
  }

  private static Status status(Instant now) {
    return new Status(
        Phase.READY,
        Conditions.merge(
            List.of(DesiredCondition.isTrue("Ready", Conditions.REASON_SUCCESS, "ready")),
            null,
            1,
            now));
  }

  @Test
  void writesTheWholeStatusWhenItChanged() {
    Status desired = status(Instant.parse("2025-07-02T10:00:00Z"));

    assertThat(writer.writeIfChanged(OBJECT, null, desired)).isTrue();

    assertThat(patches).hasSize(1);
    assertThat(patches.get(0).object()).isSameAs(OBJECT);
    assertThat(JSON.unmarshal(patches.get(0).body(), JsonNode.class))
        .isEqualTo(json(Map.of("status", desired)));
  }

  @Test
  void doesNotWriteAStatusEqualToTheCachedOne() {
    Status cached = status(Instant.parse("2025-07-02T10:00:00Z"));
    // The cache holds what the API server sent back: compare by value, not by identity.
    Status fromServer = JSON.unmarshal(JSON.asJson(cached), Status.class);

    assertThat(writer.writeIfChanged(OBJECT, fromServer, cached)).isFalse();
    assertThat(patches).isEmpty();
  }

  @Test
  void writesAChangedCondition() {
    Status cached = status(Instant.parse("2025-07-02T10:00:00Z"));
    Status desired =
        new Status(
            Phase.ERROR,
            Conditions.merge(
                List.of(
                    new DesiredCondition("Ready", ConditionStatus.FALSE, "NotReady", "not ready")),
                cached.conditions(),
                1,
                Instant.parse("2025-07-02T10:05:00Z")));

    assertThat(writer.writeIfChanged(OBJECT, cached, desired)).isTrue();
    assertThat(patches).hasSize(1);
  }

  @Test
  void writesAPartOfTheStatusUnderItsPath() {
    record Reference(String name) {}

    assertThat(writer.writeIfChanged(OBJECT, null, new Reference("fd-jwks"), "secrets", "jwks"))
        .isTrue();
    assertThat(writer.writeIfChanged(OBJECT, new Reference("fd-jwks"), new Reference("fd-jwks")))
        .isFalse();

    assertThat(patches).hasSize(1);
    assertThat(JSON.unmarshal(patches.get(0).body(), JsonNode.class))
        .isEqualTo(
            json(Map.of("status", Map.of("secrets", Map.of("jwks", Map.of("name", "fd-jwks"))))));
  }
}
