package dev.pinnipedjava.supervisor.secretstore;

import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against a real API server: every store shares one namespace. */
@WithKubeControlPlane
class KubernetesSecretStoreIT extends SecretStoreContract {
  private static final String NAMESPACE = "secret-store-it";

  private final KubernetesClient client;

  KubernetesSecretStoreIT(KubeControlPlane controlPlane) {
    this.client = controlPlane.adminClient();
  }

  @BeforeAll
  static void createNamespace(KubeControlPlane controlPlane) {
    controlPlane
        .adminClient()
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  @Override
  <T extends VersionedShape> SecretStore<T> store(StorageType<T> type) {
    return new KubernetesSecretStore<>(client, NAMESPACE, type, clock, JSON);
  }

  @Override
  Optional<Secret> secret(SecretStore<?> store, String signature) {
    return Optional.ofNullable(
        client.secrets().inNamespace(NAMESPACE).withName(store.secretName(signature)).get());
  }

  @Override
  OwnerReference owner() {
    var created =
        client
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withNamespace(NAMESPACE)
                    .withGenerateName("owner-")
                    .endMetadata()
                    .build())
            .create()
            .getMetadata();
    return ownerReference(created.getName(), created.getUid());
  }
}
