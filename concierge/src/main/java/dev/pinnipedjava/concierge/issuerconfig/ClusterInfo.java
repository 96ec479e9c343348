package dev.pinnipedjava.concierge.issuerconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Map;

/**
 * The kube-apiserver's URL and CA as the cluster publishes them for anyone, in ConfigMap {@code
 * kube-public/cluster-info} (key {@code kubeconfig}, a kubeconfig with one cluster), as kubeadm and
 * most distributions write it.
 *
 * @param server the kube-apiserver's URL
 * @param certificateAuthorityData base64 PEM of its CA
 */
record ClusterInfo(String server, String certificateAuthorityData) {
  static final String NAMESPACE = "kube-public";
  static final String NAME = "cluster-info";
  static final String KUBECONFIG_KEY = "kubeconfig";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * Reads the ConfigMap's data.
   *
   * @throws IllegalArgumentException with Pinniped's messages when it is unusable
   */
  static ClusterInfo fromConfigMapData(Map<String, String> data) {
    String kubeconfig = data.get(KUBECONFIG_KEY);
    if (kubeconfig == null) {
      throw new IllegalArgumentException("missing \"" + KUBECONFIG_KEY + "\" key");
    }
    JsonNode root;
    try {
      root = YAML.readTree(kubeconfig);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject() || !root.path("clusters").isArray()) {
      throw new IllegalArgumentException(
          "key \"" + KUBECONFIG_KEY + "\" does not contain a valid kubeconfig");
    }
    for (JsonNode cluster : root.path("clusters")) {
      JsonNode details = cluster.path("cluster");
      return new ClusterInfo(
          details.path("server").asText(""), details.path("certificate-authority-data").asText(""));
    }
    throw new IllegalArgumentException(
        "kubeconfig in key \"" + KUBECONFIG_KEY + "\" does not contain any clusters");
  }
}
