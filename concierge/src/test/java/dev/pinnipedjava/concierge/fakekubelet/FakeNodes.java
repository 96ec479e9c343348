package dev.pinnipedjava.concierge.fakekubelet;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/**
 * Nodes and pod states a test control plane has no kubelet to produce: a Node whose kubelet is a
 * {@link FakeKubelet}, and pods marked running and ready on it.
 */
public final class FakeNodes {
  private FakeNodes() {}

  /** (Re)creates Node {@code name} at 127.0.0.1 with its kubelet on {@code kubeletPort}. */
  public static void register(KubernetesClient admin, String name, int kubeletPort) {
    admin.nodes().withName(name).delete();
    await("old Node " + name + " gone")
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.nodes().withName(name).get() == null);
    admin
        .nodes()
        .resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    admin
        .nodes()
        .withName(name)
        .editStatus(
            node ->
                new NodeBuilder(node)
                    .withNewStatus()
                    .addNewAddress()
                    .withType("InternalIP")
                    .withAddress("127.0.0.1")
                    .endAddress()
                    .withNewDaemonEndpoints()
                    .withNewKubeletEndpoint()
                    .withPort(kubeletPort)
                    .endKubeletEndpoint()
                    .endDaemonEndpoints()
                    .endStatus()
                    .build());
  }

  /** Marks a pod Running and Ready, as its kubelet would once its containers started. */
  public static void markRunning(KubernetesClient admin, String namespace, String pod) {
    admin
        .pods()
        .inNamespace(namespace)
        .withName(pod)
        .editStatus(
            current ->
                new PodBuilder(current)
                    .withNewStatus()
                    .withPhase("Running")
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus("True")
                    .endCondition()
                    .endStatus()
                    .build());
  }
}
