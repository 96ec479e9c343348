package dev.pinnipedjava.concierge.issuerconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerFrontend;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerStrategy;
import dev.pinnipedjava.api.concierge.config.v1alpha1.FrontendType;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyReason;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyStatus;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyType;
import dev.pinnipedjava.api.concierge.config.v1alpha1.TokenCredentialRequestAPIInfo;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KubeClusterSigningStrategyTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00.123Z");
  private static final String KUBECONFIG =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: ""
        cluster:
          server: https://10.0.0.1:6443
          certificate-authority-data: Q0EtREFUQQ==
      """;

  record Case(
      String name,
      boolean signer,
      @Nullable ConfigMap clusterInfo,
      @Nullable String discoveryUrl,
      CredentialIssuerStrategy want) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Why the signing key is missing, as the kube-cert-agent reports it. */
  private static final String NO_SIGNER =
      "could not find a healthy kube-controller-manager pod (0 candidates)";

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "fetched key, server from cluster-info",
            true,
            clusterInfo(Map.of("kubeconfig", KUBECONFIG)),
            null,
            success("https://10.0.0.1:6443")),
        new Case(
            "fetched key, server from discovery.url",
            true,
            clusterInfo(Map.of("kubeconfig", KUBECONFIG)),
            "https://kube.example.com",
            success("https://kube.example.com")),
        new Case(
            "no signer",
            false,
            clusterInfo(Map.of("kubeconfig", KUBECONFIG)),
            null,
            failure(StrategyReason.COULD_NOT_FETCH_KEY, NO_SIGNER)),
        new Case(
            "no cluster-info",
            true,
            null,
            null,
            failure(
                StrategyReason.COULD_NOT_GET_CLUSTER_INFO,
                "failed to get kube-public/cluster-info configmap: configmap \"cluster-info\" not"
                    + " found")),
        new Case(
            "cluster-info without kubeconfig",
            true,
            clusterInfo(Map.of()),
            null,
            failure(
                StrategyReason.COULD_NOT_GET_CLUSTER_INFO,
                "could not extract Kubernetes API endpoint info from kube-public/cluster-info"
                    + " configmap: missing \"kubeconfig\" key")),
        new Case(
            "cluster-info with a broken kubeconfig",
            true,
            clusterInfo(Map.of("kubeconfig", "[not a kubeconfig")),
            null,
            failure(
                StrategyReason.COULD_NOT_GET_CLUSTER_INFO,
                "could not extract Kubernetes API endpoint info from kube-public/cluster-info"
                    + " configmap: key \"kubeconfig\" does not contain a valid kubeconfig")),
        new Case(
            "cluster-info without clusters",
            true,
            clusterInfo(Map.of("kubeconfig", "apiVersion: v1\nclusters: []\n")),
            null,
            failure(
                StrategyReason.COULD_NOT_GET_CLUSTER_INFO,
                "could not extract Kubernetes API endpoint info from kube-public/cluster-info"
                    + " configmap: kubeconfig in key \"kubeconfig\" does not contain any clusters")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluate(Case testCase) {
    assertThat(
            KubeClusterSigningStrategy.evaluate(
                testCase.signer() ? Optional.empty() : Optional.of(NO_SIGNER),
                testCase.clusterInfo(),
                testCase.discoveryUrl(),
                NOW))
        .isEqualTo(testCase.want());
  }

  private static ConfigMap clusterInfo(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("cluster-info")
        .withNamespace("kube-public")
        .endMetadata()
        .withData(data)
        .build();
  }

  private static CredentialIssuerStrategy success(String server) {
    return new CredentialIssuerStrategy(
        StrategyType.KUBE_CLUSTER_SIGNING_CERTIFICATE,
        StrategyStatus.SUCCESS,
        StrategyReason.FETCHED_KEY,
        "key was fetched successfully",
        "2026-05-01T10:00:00Z",
        new CredentialIssuerFrontend(
            FrontendType.TOKEN_CREDENTIAL_REQUEST_API,
            new TokenCredentialRequestAPIInfo(server, "Q0EtREFUQQ=="),
            null));
  }

  private static CredentialIssuerStrategy failure(StrategyReason reason, String message) {
    return new CredentialIssuerStrategy(
        StrategyType.KUBE_CLUSTER_SIGNING_CERTIFICATE,
        StrategyStatus.ERROR,
        reason,
        message,
        "2026-05-01T10:00:00Z",
        null);
  }
}
