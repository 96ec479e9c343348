package dev.pinnipedjava.concierge.impersonatorconfig;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;

/**
 * Whether the cluster shows its control-plane nodes, which decides {@code auto} mode as in
 * Pinniped's clusterhost: a cluster that shows them likely lets the Concierge reach its signing key
 * (kube-cert-agent), one that hides them (a managed cluster) needs the impersonation proxy.
 */
final class ControlPlaneNodes {
  private static final String NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
  private static final String NODE_ROLE_LABEL = "kubernetes.io/node-role";

  private ControlPlaneNodes() {}

  /**
   * @throws IllegalStateException when nodes cannot be listed or there are none
   */
  static boolean visible(KubernetesClient client) {
    List<Node> nodes;
    try {
      nodes = client.nodes().list().getItems();
    } catch (KubernetesClientException e) {
      throw new IllegalStateException("error fetching nodes: " + e.getMessage(), e);
    }
    if (nodes.isEmpty()) {
      throw new IllegalStateException("no nodes found");
    }
    return nodes.stream().anyMatch(node -> isControlPlane(node.getMetadata().getLabels()));
  }

  static boolean isControlPlane(Map<String, String> labels) {
    if (labels == null) {
      return false;
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      String key = label.getKey();
      String value = label.getValue();
      if (key.equals(NODE_ROLE_PREFIX + "control-plane")
          || key.equals(NODE_ROLE_PREFIX + "master")
          || (key.equals(NODE_ROLE_LABEL)
              && ("control-plane".equals(value) || "master".equals(value)))) {
        return true;
      }
    }
    return false;
  }
}
