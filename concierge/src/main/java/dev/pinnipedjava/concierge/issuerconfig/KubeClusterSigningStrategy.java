package dev.pinnipedjava.concierge.issuerconfig;

import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerFrontend;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerStrategy;
import dev.pinnipedjava.api.concierge.config.v1alpha1.FrontendType;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyReason;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyStatus;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyType;
import dev.pinnipedjava.api.concierge.config.v1alpha1.TokenCredentialRequestAPIInfo;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code KubeClusterSigningCertificate} strategy: TokenCredentialRequests issue certificates
 * the cluster itself accepts, signed with the cluster's client CA. In a cluster the kube-cert-agent
 * borrows that key; a Concierge run off-cluster is given the CA's files instead ({@code
 * clientCertificateSigner}). Clients reach the API through the kube-apiserver whose URL and CA come
 * from {@code kube-public/cluster-info}, the URL overridden by {@code discovery.url}.
 */
final class KubeClusterSigningStrategy {
  static final String FETCHED_KEY_MESSAGE = "key was fetched successfully";

  private KubeClusterSigningStrategy() {}

  /**
   * @param signerProblem why the cluster's client CA is not available; empty when it is
   * @param clusterInfo {@code kube-public/cluster-info}, null when it does not exist
   * @param discoveryUrl {@code discovery.url}, or null
   */
  static CredentialIssuerStrategy evaluate(
      Optional<String> signerProblem,
      @Nullable ConfigMap clusterInfo,
      @Nullable String discoveryUrl,
      Instant now) {
    if (signerProblem.isPresent()) {
      return failure(StrategyReason.COULD_NOT_FETCH_KEY, signerProblem.get(), now);
    }
    if (clusterInfo == null) {
      return failure(
          StrategyReason.COULD_NOT_GET_CLUSTER_INFO,
          "failed to get "
              + ClusterInfo.NAMESPACE
              + "/"
              + ClusterInfo.NAME
              + " configmap: configmap \""
              + ClusterInfo.NAME
              + "\" not found",
          now);
    }
    ClusterInfo info;
    try {
      Map<String, String> data = clusterInfo.getData();
      info = ClusterInfo.fromConfigMapData(data == null ? Map.of() : data);
    } catch (IllegalArgumentException e) {
      return failure(
          StrategyReason.COULD_NOT_GET_CLUSTER_INFO,
          "could not extract Kubernetes API endpoint info from "
              + ClusterInfo.NAMESPACE
              + "/"
              + ClusterInfo.NAME
              + " configmap: "
              + e.getMessage(),
          now);
    }
    return new CredentialIssuerStrategy(
        StrategyType.KUBE_CLUSTER_SIGNING_CERTIFICATE,
        StrategyStatus.SUCCESS,
        StrategyReason.FETCHED_KEY,
        FETCHED_KEY_MESSAGE,
        time(now),
        new CredentialIssuerFrontend(
            FrontendType.TOKEN_CREDENTIAL_REQUEST_API,
            new TokenCredentialRequestAPIInfo(
                discoveryUrl == null ? info.server() : discoveryUrl,
                info.certificateAuthorityData()),
            null));
  }

  private static CredentialIssuerStrategy failure(
      StrategyReason reason, String message, Instant now) {
    return new CredentialIssuerStrategy(
        StrategyType.KUBE_CLUSTER_SIGNING_CERTIFICATE,
        StrategyStatus.ERROR,
        reason,
        message,
        time(now),
        null);
  }

  private static String time(Instant now) {
    return DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
  }
}
