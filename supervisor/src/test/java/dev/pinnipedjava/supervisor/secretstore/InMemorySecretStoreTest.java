package dev.pinnipedjava.supervisor.secretstore;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;
import java.util.UUID;

class InMemorySecretStoreTest extends SecretStoreContract {
  @Override
  <T extends VersionedShape> SecretStore<T> store(StorageType<T> type) {
    return new InMemorySecretStore<>(type, clock, JSON);
  }

  @Override
  Optional<Secret> secret(SecretStore<?> store, String signature) {
    return ((InMemorySecretStore<?>) store).secret(signature);
  }

  @Override
  OwnerReference owner() {
    return ownerReference("owner", UUID.randomUUID().toString());
  }
}
