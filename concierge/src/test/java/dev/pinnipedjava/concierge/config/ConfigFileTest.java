package dev.pinnipedjava.concierge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigFileTest {
  @Test
  void emptyFileMeansPinnipedsDefaults() {
    assertThat(ConfigFile.parse("", null)).isEqualTo(ConciergeConfig.defaults());
    assertThat(ConciergeConfig.defaults())
        .isEqualTo(
            new ConciergeConfig(
                ApiGroupSuffix.DEFAULT,
                "pinniped-concierge",
                "pinniped-concierge-api",
                "pinniped-concierge-api-tls-serving-certificate",
                "0.0.0.0",
                10250,
                new ConciergeConfig.ServingCertificate(Duration.ofDays(365), Duration.ofDays(270)),
                null,
                false,
                null,
                "pinniped-concierge-config",
                new ConciergeConfig.ImpersonationProxy(
                    8444,
                    "pinniped-concierge-impersonation-proxy-load-balancer",
                    "pinniped-concierge-impersonation-proxy-cluster-ip",
                    "pinniped-concierge-impersonation-proxy-tls-serving-certificate",
                    "pinniped-concierge-impersonation-proxy-ca-certificate",
                    "pinniped-concierge-impersonation-proxy-signer-ca-certificate",
                    "pinniped-concierge-impersonation-proxy",
                    null),
                Map.of("app", "pinniped-concierge"),
                new ConciergeConfig.KubeCertAgent(
                    "pinniped-concierge-kube-cert-agent-",
                    "pinniped-java/pinniped-java-server:0.1.0",
                    List.of(),
                    "",
                    "pinniped-concierge-kube-cert-agent")));
  }

  @Test
  void readsTheDeployedConfigMapsFile() throws IOException {
    String configMap = Files.readString(Path.of("..", "deploy", "concierge", "config.yaml"));
    String pinnipedYaml =
        configMap
            .substring(configMap.indexOf("pinniped.yaml: |") + "pinniped.yaml: |".length())
            .replaceAll("(?m)^    ", "");

    ConciergeConfig config = ConfigFile.parse(pinnipedYaml, null);

    assertThat(config.apiGroupSuffix()).isEqualTo(ApiGroupSuffix.DEFAULT);
    assertThat(config.aggregatedApiServerPort()).isEqualTo(10250);
    assertThat(config.apiServiceName()).isEqualTo("pinniped-concierge-api");
    assertThat(config.servingCertificate())
        .isEqualTo(
            new ConciergeConfig.ServingCertificate(Duration.ofDays(30), Duration.ofDays(25)));
    assertThat(config.logUsernamesAndGroups()).isFalse();
    assertThat(config.discoveryUrl()).isNull();
    assertThat(config.credentialIssuerName()).isEqualTo("pinniped-concierge-config");
    assertThat(config.impersonationProxy()).isEqualTo(ConciergeConfig.ImpersonationProxy.DEFAULT);
    assertThat(config.labels()).isEqualTo(Map.of("app", "pinniped-concierge"));
    assertThat(config.kubeCertAgent()).isEqualTo(ConciergeConfig.KubeCertAgent.DEFAULT);
    assertThat(config.kubeCertAgent().deploymentName())
        .isEqualTo("pinniped-concierge-kube-cert-agent");
  }

  @Test
  void readsEveryKeyItUses(@TempDir Path directory) throws IOException {
    Path file =
        Files.writeString(
            directory.resolve("pinniped.yaml"),
            """
            apiGroupSuffix: tuna.io
            namespace: concierge-ns
            discovery:
              url: https://kube.example.com:6443
            names:
              apiService: my-api
              servingCertificateSecret: my-secret
              credentialIssuer: my-issuer
              impersonationLoadBalancerService: my-lb
              impersonationClusterIPService: my-cip
              impersonationTLSCertificateSecret: my-tls
              impersonationCACertificateSecret: my-ca
              impersonationSignerSecret: my-signer
              impersonationProxyServiceAccount: my-sa
              agentServiceAccount: my-agent-sa
            kubeCertAgent:
              namePrefix: my-agent-
              image: registry.example.com/server:1
              imagePullSecrets: [pull-me]
              priorityClassName: important
            labels: {"app": "my-app", "team": "a"}
            impersonationProxyServerPort: 9444
            impersonationProxyKubeconfig: proxy.kubeconfig
            aggregatedAPIServerBindAddress: 127.0.0.1
            aggregatedAPIServerPort: 0
            api:
              servingCertificate:
                durationSeconds: 3600
                renewBeforeSeconds: 600
            clientCertificateSigner:
              certificateFile: ca.crt
              privateKeyFile: /abs/ca.key
            audit:
              logUsernamesAndGroups: enabled
            """);

    assertThat(ConfigFile.read(file))
        .isEqualTo(
            new ConciergeConfig(
                new ApiGroupSuffix("tuna.io"),
                "concierge-ns",
                "my-api",
                "my-secret",
                "127.0.0.1",
                0,
                new ConciergeConfig.ServingCertificate(Duration.ofHours(1), Duration.ofMinutes(10)),
                new ConciergeConfig.SignerFiles(
                    directory.toAbsolutePath().resolve("ca.crt"), Path.of("/abs/ca.key")),
                true,
                "https://kube.example.com:6443",
                "my-issuer",
                new ConciergeConfig.ImpersonationProxy(
                    9444,
                    "my-lb",
                    "my-cip",
                    "my-tls",
                    "my-ca",
                    "my-signer",
                    "my-sa",
                    directory.toAbsolutePath().resolve("proxy.kubeconfig")),
                Map.of("app", "my-app", "team", "a"),
                new ConciergeConfig.KubeCertAgent(
                    "my-agent-",
                    "registry.example.com/server:1",
                    List.of("pull-me"),
                    "important",
                    "my-agent-sa")));
  }

  /** A config text and the start of the error it must give. */
  record Case(String name, String yaml, String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalid() {
    return Stream.of(
        new Case("not YAML", "a: [", "config is not valid YAML"),
        new Case("not a mapping", "- a", "config must be a YAML mapping"),
        new Case(
            "suffix without a dot",
            "apiGroupSuffix: tuna",
            "invalid API group suffix \"tuna\": must contain '.'"),
        new Case("suffix not a string", "apiGroupSuffix: [a]", "apiGroupSuffix must be a string"),
        new Case(
            "port too low",
            "aggregatedAPIServerPort: 80",
            "aggregatedAPIServerPort must be between 1024 and 65535"),
        new Case(
            "port too high",
            "aggregatedAPIServerPort: 70000",
            "aggregatedAPIServerPort must be between 1024 and 65535"),
        new Case(
            "port out of int range",
            "aggregatedAPIServerPort: 99999999999",
            "aggregatedAPIServerPort is out of range"),
        new Case(
            "port as text",
            "aggregatedAPIServerPort: ten",
            "aggregatedAPIServerPort must be an integer"),
        new Case(
            "renewal not before the end",
            "api: {servingCertificate: {durationSeconds: 60, renewBeforeSeconds: 60}}",
            "api.servingCertificate.renewBeforeSeconds must be positive and less than durationSeconds"),
        new Case(
            "zero duration",
            "api: {servingCertificate: {durationSeconds: 0}}",
            "api.servingCertificate.durationSeconds must be positive"),
        new Case(
            "signer without key",
            "clientCertificateSigner: {certificateFile: ca.crt}",
            "clientCertificateSigner needs both certificateFile and privateKeyFile"),
        new Case(
            "impersonation proxy port too low",
            "impersonationProxyServerPort: 443",
            "impersonationProxyServerPort must be between 1024 and 65535"),
        new Case(
            "discovery URL over http",
            "discovery: {url: \"http://kube.example.com\"}",
            "discovery.url must be an https URL"),
        new Case("labels as a list", "labels: [a]", "labels must be a mapping of strings"),
        new Case(
            "agent pull secrets not a list",
            "kubeCertAgent: {imagePullSecrets: a}",
            "kubeCertAgent.imagePullSecrets must be a list of names"),
        new Case(
            "agent image empty",
            "kubeCertAgent: {image: ''}",
            "kubeCertAgent.namePrefix, kubeCertAgent.image and names.agentServiceAccount must not"),
        new Case(
            "empty CredentialIssuer name",
            "names: {credentialIssuer: \"\"}",
            "names.credentialIssuer must not be empty"),
        new Case(
            "empty namespace",
            "namespace: \"\"",
            "namespace, names.apiService and names.servingCertificateSecret must not be empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refusesUnusableConfig(Case testCase) {
    assertThatThrownBy(() -> ConfigFile.parse(testCase.yaml(), null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith(testCase.wantError());
  }

  @Test
  void missingFileIsAConfigError(@TempDir Path directory) {
    assertThatThrownBy(() -> ConfigFile.read(directory.resolve("absent.yaml")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("cannot read config file");
  }
}
