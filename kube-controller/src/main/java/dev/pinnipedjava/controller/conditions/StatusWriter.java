package dev.pinnipedjava.controller.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes (part of) a resource's status through its {@code status} subresource, only when it differs
 * from what the controller's cache holds, so that resyncs cause no writes. The write is a JSON
 * merge patch: it sets the given part and leaves the rest of the status, which other controllers
 * may own, alone. Fields the part omits (nulls are not serialised) are left as they are.
 */
public final class StatusWriter {
  /** Sends a JSON merge patch to the status subresource of {@code object}. */
  @FunctionalInterface
  public interface StatusPatch {
    void apply(HasMetadata object, String mergePatch);
  }

  private final StatusPatch patch;
  private final KubernetesSerialization serialization;

  public StatusWriter(StatusPatch patch, KubernetesSerialization serialization) {
    this.patch = patch;
    this.serialization = serialization;
  }

  /**
   * For resources with a Java type the client knows (built-in kinds and typed custom resources).
   */
  public static StatusWriter forTypedResources(KubernetesClient client) {
    return new StatusWriter(
        (object, mergePatch) ->
            client
                .resource(object)
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch),
        client.getKubernetesSerialization());
  }

  /** For generic resources of one kind. */
  public static StatusWriter forResource(KubernetesClient client, ResourceDefinitionContext kind) {
    return new StatusWriter(
        (object, mergePatch) -> {
          String namespace = object.getMetadata().getNamespace();
          var resources = client.genericKubernetesResources(kind);
          (namespace == null ? resources : resources.inNamespace(namespace))
              .withName(object.getMetadata().getName())
              .subresource("status")
              .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
        },
        client.getKubernetesSerialization());
  }

  /**
   * Writes {@code desired} at {@code path} under {@code status} unless {@code current}, the value
   * there as cached, already equals it (compared as JSON).
   *
   * @param path the field names from {@code status} down to the part; none for the whole status
   * @return whether a write was sent
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the write fails; let it
   *     reach the controller, which retries
   */
  public boolean writeIfChanged(
      HasMetadata object, @Nullable Object current, Object desired, String... path) {
    Objects.requireNonNull(desired, "desired");
    if (current != null && json(current).equals(json(desired))) {
      return false;
    }
    Object body = desired;
    for (int i = path.length - 1; i >= 0; i--) {
      body = Map.of(path[i], body);
    }
    Map<String, Object> patchBody = new LinkedHashMap<>();
    patchBody.put("status", body);
    patch.apply(object, serialization.asJson(patchBody));
    return true;
  }

  // Through text, so that numbers compare by value whatever Java type held them.
  private JsonNode json(Object value) {
    return serialization.unmarshal(serialization.asJson(value), JsonNode.class);
  }
}
