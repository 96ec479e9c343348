package dev.pinnipedjava.supervisor.secretstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A {@link SecretStore} in the Secrets of one namespace of a Kubernetes API server. */
public final class KubernetesSecretStore<T extends VersionedShape> implements SecretStore<T> {
  private static final PatchContext MERGE_PATCH = PatchContext.of(PatchType.JSON_MERGE);

  private final KubernetesClient client;
  private final String namespace;
  private final StorageType<T> type;
  private final Clock clock;
  private final StorageSecrets layout;
  private final ObjectMapper json;

  public KubernetesSecretStore(
      KubernetesClient client,
      String namespace,
      StorageType<T> type,
      Clock clock,
      ObjectMapper json) {
    this.client = client;
    this.namespace = namespace;
    this.type = type;
    this.clock = clock;
    this.layout = new StorageSecrets(json);
    this.json = json;
  }

  @Override
  public String create(
      String signature,
      T value,
      Map<String, String> additionalLabels,
      List<OwnerReference> owners,
      @Nullable Duration lifetime) {
    Secret secret =
        layout.toSecret(
            namespace,
            type,
            signature,
            value,
            additionalLabels,
            owners,
            lifetime == null ? null : clock.instant().plus(lifetime));
    try {
      return client
          .secrets()
          .inNamespace(namespace)
          .resource(secret)
          .create()
          .getMetadata()
          .getResourceVersion();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw new SecretStoreConflictException(
            "%s for signature %s already exists".formatted(type.name(), signature), e);
      }
      throw failure("create", signature, e);
    }
  }

  @Override
  public Optional<Stored<T>> get(String signature) {
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(secretName(signature)).get();
    } catch (KubernetesClientException e) {
      throw failure("get", signature, e);
    }
    if (secret == null) {
      return Optional.empty();
    }
    return layout
        .read(secret, type, clock.instant())
        .map(value -> new Stored<>(value, secret.getMetadata().getResourceVersion()));
  }

  /**
   * One JSON merge patch of the document, whose resource version is the precondition: one request
   * (no read first), and a concurrent change still conflicts. Labels, annotations and owners are
   * fixed at creation.
   */
  @Override
  public String update(String signature, String resourceVersion, T value) {
    layout.requireSchemaVersion(type, value);
    String patch;
    try {
      patch =
          json.writeValueAsString(
              Map.of(
                  "metadata",
                  Map.of("resourceVersion", resourceVersion),
                  "data",
                  layout.data(value)));
    } catch (JsonProcessingException e) {
      throw new SecretStoreException("cannot encode a " + value.getClass().getSimpleName(), e);
    }
    try {
      // Given the Secret by name, the client patches without reading it first (by name alone, it
      // would GET it).
      Secret named =
          new SecretBuilder()
              .withNewMetadata()
              .withNamespace(namespace)
              .withName(secretName(signature))
              .endMetadata()
              .build();
      return client
          .secrets()
          .inNamespace(namespace)
          .resource(named)
          .patch(MERGE_PATCH, patch)
          .getMetadata()
          .getResourceVersion();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw new SecretStoreConflictException(
            "%s for signature %s changed since resource version %s"
                .formatted(type.name(), signature, resourceVersion),
            e);
      }
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        throw new SecretStoreException(
            "cannot update %s for signature %s: it does not exist"
                .formatted(type.name(), signature),
            e);
      }
      throw failure("update", signature, e);
    }
  }

  @Override
  public boolean delete(String signature) {
    try {
      List<StatusDetails> deleted =
          client.secrets().inNamespace(namespace).withName(secretName(signature)).delete();
      return !deleted.isEmpty();
    } catch (KubernetesClientException e) {
      throw failure("delete", signature, e);
    }
  }

  @Override
  public int deleteByLabel(String name, String value) {
    try {
      List<Secret> matching =
          client
              .secrets()
              .inNamespace(namespace)
              .withLabel(StorageSecrets.TYPE_LABEL, type.name())
              .withLabel(name, value)
              .list()
              .getItems();
      int deleted = 0;
      for (Secret secret : matching) {
        if (!client.resource(secret).delete().isEmpty()) {
          deleted++;
        }
      }
      return deleted;
    } catch (KubernetesClientException e) {
      throw new SecretStoreException(
          "failed to delete %s matching label %s=%s".formatted(type.name(), name, value), e);
    }
  }

  @Override
  public String secretName(String signature) {
    return StorageSecrets.secretName(type.name(), signature);
  }

  private SecretStoreException failure(
      String operation, String signature, KubernetesClientException cause) {
    return new SecretStoreException(
        "failed to %s %s for signature %s".formatted(operation, type.name(), signature), cause);
  }

  @Override
  public String toString() {
    return "KubernetesSecretStore[" + type.name() + " in " + namespace + "]";
  }
}
