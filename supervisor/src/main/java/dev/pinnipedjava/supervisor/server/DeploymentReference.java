package dev.pinnipedjava.supervisor.server;

import dev.pinnipedjava.controller.podinfo.PodInfo;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Deployment the Supervisor runs in, found as Pinniped's {@code deploymentref} finds it: the
 * pod's ReplicaSet's controlling Deployment. Off-cluster there is none; Pinniped's default
 * Deployment name is used and nothing is owned by it.
 *
 * @param name the Deployment's name
 * @param owner the owner reference to it, when it was found
 */
record DeploymentReference(String name, List<OwnerReference> owner) {
  static final String DEFAULT_NAME = "pinniped-supervisor";

  static DeploymentReference find(KubernetesClient client, PodInfo pod) {
    if (pod.name() == null) {
      return new DeploymentReference(DEFAULT_NAME, List.of());
    }
    try {
      Pod self = client.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
      Optional<Deployment> deployment =
          controller(self, "ReplicaSet")
              .map(
                  name ->
                      client.apps().replicaSets().inNamespace(pod.namespace()).withName(name).get())
              .flatMap(replicaSet -> controller(replicaSet, "Deployment"))
              .map(
                  name ->
                      client
                          .apps()
                          .deployments()
                          .inNamespace(pod.namespace())
                          .withName(name)
                          .get());
      if (deployment.isEmpty()) {
        return new DeploymentReference(DEFAULT_NAME, List.of());
      }
      Deployment found = deployment.get();
      return new DeploymentReference(
          found.getMetadata().getName(),
          List.of(
              new OwnerReferenceBuilder()
                  .withApiVersion("apps/v1")
                  .withKind("Deployment")
                  .withName(found.getMetadata().getName())
                  .withUid(found.getMetadata().getUid())
                  .build()));
    } catch (KubernetesClientException e) {
      return new DeploymentReference(DEFAULT_NAME, List.of());
    }
  }

  private static Optional<String> controller(
      io.fabric8.kubernetes.api.model.@Nullable HasMetadata object, String kind) {
    if (object == null || object.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    return object.getMetadata().getOwnerReferences().stream()
        .filter(owner -> Boolean.TRUE.equals(owner.getController()) && kind.equals(owner.getKind()))
        .map(OwnerReference::getName)
        .findFirst();
  }
}
