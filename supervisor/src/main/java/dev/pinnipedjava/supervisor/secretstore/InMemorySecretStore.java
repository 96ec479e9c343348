package dev.pinnipedjava.supervisor.secretstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SecretStore} in memory, for tests of what uses storage: it builds and reads the very
 * Secrets the Kubernetes store would, and numbers resource versions itself.
 */
public final class InMemorySecretStore<T extends VersionedShape> implements SecretStore<T> {
  private static final String NAMESPACE = "in-memory";

  private final StorageType<T> type;
  private final Clock clock;
  private final StorageSecrets layout;
  private final Map<String, Secret> secrets = new LinkedHashMap<>();
  private long lastResourceVersion;

  public InMemorySecretStore(StorageType<T> type, Clock clock, ObjectMapper json) {
    this.type = type;
    this.clock = clock;
    this.layout = new StorageSecrets(json);
  }

  @Override
  public synchronized String create(
      String signature,
      T value,
      Map<String, String> additionalLabels,
      List<OwnerReference> owners,
      @Nullable Duration lifetime) {
    Secret secret =
        layout.toSecret(
            NAMESPACE,
            type,
            signature,
            value,
            additionalLabels,
            owners,
            lifetime == null ? null : clock.instant().plus(lifetime));
    String name = secret.getMetadata().getName();
    if (secrets.containsKey(name)) {
      throw new SecretStoreConflictException(
          "%s for signature %s already exists".formatted(type.name(), signature));
    }
    return put(secret);
  }

  @Override
  public synchronized Optional<Stored<T>> get(String signature) {
    Secret secret = secrets.get(secretName(signature));
    if (secret == null) {
      return Optional.empty();
    }
    return layout
        .read(secret, type, clock.instant())
        .map(value -> new Stored<>(value, secret.getMetadata().getResourceVersion()));
  }

  @Override
  public synchronized String update(String signature, String resourceVersion, T value) {
    layout.requireSchemaVersion(type, value);
    Secret current = secrets.get(secretName(signature));
    if (current == null) {
      throw new SecretStoreException(
          "cannot update %s for signature %s: it does not exist".formatted(type.name(), signature));
    }
    if (!current.getMetadata().getResourceVersion().equals(resourceVersion)) {
      throw new SecretStoreConflictException(
          "%s for signature %s changed since resource version %s"
              .formatted(type.name(), signature, resourceVersion));
    }
    return put(new SecretBuilder(current).withData(layout.data(value)).build());
  }

  @Override
  public synchronized boolean delete(String signature) {
    return secrets.remove(secretName(signature)) != null;
  }

  @Override
  public synchronized int deleteByLabel(String name, String value) {
    List<String> matching = new ArrayList<>();
    secrets.forEach(
        (secretName, secret) -> {
          Map<String, String> labels = secret.getMetadata().getLabels();
          if (type.name().equals(labels.get(StorageSecrets.TYPE_LABEL))
              && value.equals(labels.get(name))) {
            matching.add(secretName);
          }
        });
    matching.forEach(secrets::remove);
    return matching.size();
  }

  @Override
  public String secretName(String signature) {
    return StorageSecrets.secretName(type.name(), signature);
  }

  /** The Secret as the Kubernetes store would have written it, for tests. */
  public synchronized Optional<Secret> secret(String signature) {
    return Optional.ofNullable(secrets.get(secretName(signature)));
  }

  private String put(Secret secret) {
    String resourceVersion = Long.toString(++lastResourceVersion);
    Secret stored =
        new SecretBuilder(secret)
            .editMetadata()
            .withResourceVersion(resourceVersion)
            .endMetadata()
            .build();
    secrets.put(stored.getMetadata().getName(), stored);
    return resourceVersion;
  }
}
