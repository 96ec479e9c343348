package dev.pinnipedjava.concierge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the Concierge's config file, the {@code pinniped.yaml} of Pinniped's ConfigMap {@code
 * pinniped-concierge-config} (see deploy/concierge/config.yaml). Keys this version does not use yet
 * are accepted and ignored, so Pinniped's own file works unchanged. One key is ours: {@code
 * clientCertificateSigner: {certificateFile, privateKeyFile}}, the CA that signs client
 * certificates when the Concierge runs outside the cluster; {@code aggregatedAPIServerBindAddress}
 * chooses the listening address; {@code namespace} names the Concierge's namespace (Pinniped reads
 * it from the downward API); {@code impersonationProxyKubeconfig} gives the impersonation proxy the
 * credentials it forwards with when the Concierge runs outside the cluster.
 */
public final class ConfigFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigFile() {}

  /** Reads and validates the file; every problem is an {@link InvalidConfigException}. */
  public static ConciergeConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    return parse(text, file.toAbsolutePath().getParent());
  }

  /**
   * Parses config text. Relative signer file paths are resolved against {@code baseDirectory}, the
   * config file's directory.
   */
  public static ConciergeConfig parse(String yaml, @Nullable Path baseDirectory) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigException("config is not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return ConciergeConfig.defaults();
    }
    if (!root.isObject()) {
      throw new InvalidConfigException("config must be a YAML mapping");
    }
    ConciergeConfig defaults = ConciergeConfig.defaults();
    try {
      return new ConciergeConfig(
          new ApiGroupSuffix(text(root, "apiGroupSuffix", defaults.apiGroupSuffix().value())),
          text(root, "namespace", defaults.namespace()),
          text(root.path("names"), "apiService", defaults.apiServiceName()),
          text(
              root.path("names"),
              "servingCertificateSecret",
              defaults.servingCertificateSecretName()),
          text(root, "aggregatedAPIServerBindAddress", defaults.bindAddress()),
          integer(
              root.path("aggregatedAPIServerPort"),
              "aggregatedAPIServerPort",
              ConciergeConfig.DEFAULT_PORT),
          servingCertificate(root.path("api").path("servingCertificate")),
          signer(root.path("clientCertificateSigner"), baseDirectory),
          "enabled".equals(text(root.path("audit"), "logUsernamesAndGroups", "disabled")),
          nullableText(root.path("discovery"), "url"),
          text(root.path("names"), "credentialIssuer", defaults.credentialIssuerName()),
          impersonationProxy(root, baseDirectory),
          labels(root.path("labels"), defaults.labels()),
          kubeCertAgent(root));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(String.valueOf(e.getMessage()));
    }
  }

  private static ConciergeConfig.ServingCertificate servingCertificate(JsonNode node) {
    ConciergeConfig.ServingCertificate defaults = ConciergeConfig.ServingCertificate.DEFAULT;
    return new ConciergeConfig.ServingCertificate(
        Duration.ofSeconds(
            integer(
                node.path("durationSeconds"),
                "api.servingCertificate.durationSeconds",
                defaults.duration().toSeconds())),
        Duration.ofSeconds(
            integer(
                node.path("renewBeforeSeconds"),
                "api.servingCertificate.renewBeforeSeconds",
                defaults.renewBefore().toSeconds())));
  }

  private static ConciergeConfig.ImpersonationProxy impersonationProxy(
      JsonNode root, @Nullable Path baseDirectory) {
    ConciergeConfig.ImpersonationProxy defaults = ConciergeConfig.ImpersonationProxy.DEFAULT;
    JsonNode names = root.path("names");
    String kubeconfig = nullableText(root, "impersonationProxyKubeconfig");
    return new ConciergeConfig.ImpersonationProxy(
        integer(
            root.path("impersonationProxyServerPort"),
            "impersonationProxyServerPort",
            ConciergeConfig.ImpersonationProxy.DEFAULT_PORT),
        text(names, "impersonationLoadBalancerService", defaults.loadBalancerServiceName()),
        text(names, "impersonationClusterIPService", defaults.clusterIpServiceName()),
        text(names, "impersonationTLSCertificateSecret", defaults.tlsSecretName()),
        text(names, "impersonationCACertificateSecret", defaults.caSecretName()),
        text(names, "impersonationSignerSecret", defaults.signerSecretName()),
        text(names, "impersonationProxyServiceAccount", defaults.serviceAccountName()),
        kubeconfig == null || kubeconfig.isEmpty() ? null : resolve(baseDirectory, kubeconfig));
  }

  private static ConciergeConfig.KubeCertAgent kubeCertAgent(JsonNode root) {
    ConciergeConfig.KubeCertAgent defaults = ConciergeConfig.KubeCertAgent.DEFAULT;
    JsonNode agent = root.path("kubeCertAgent");
    List<String> pullSecrets = new ArrayList<>();
    JsonNode secrets = agent.path("imagePullSecrets");
    if (!secrets.isMissingNode() && !secrets.isNull()) {
      if (!secrets.isArray()) {
        throw new InvalidConfigException("kubeCertAgent.imagePullSecrets must be a list of names");
      }
      for (JsonNode secret : secrets) {
        if (!secret.isTextual()) {
          throw new InvalidConfigException(
              "kubeCertAgent.imagePullSecrets must be a list of names");
        }
        pullSecrets.add(secret.asText());
      }
    }
    return new ConciergeConfig.KubeCertAgent(
        text(agent, "namePrefix", defaults.namePrefix()),
        text(agent, "image", defaults.image()),
        pullSecrets,
        text(agent, "priorityClassName", defaults.priorityClassName()),
        text(root.path("names"), "agentServiceAccount", defaults.serviceAccountName()));
  }

  private static Map<String, String> labels(JsonNode node, Map<String, String> fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isObject()) {
      throw new InvalidConfigException("labels must be a mapping of strings");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> label : node.properties()) {
      if (!label.getValue().isTextual()) {
        throw new InvalidConfigException("labels must be a mapping of strings");
      }
      labels.put(label.getKey(), label.getValue().asText());
    }
    return labels;
  }

  private static @Nullable String nullableText(JsonNode parent, String key) {
    JsonNode node = parent.path(key);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidConfigException(key + " must be a string");
    }
    return node.asText().isEmpty() ? null : node.asText();
  }

  private static ConciergeConfig.@Nullable SignerFiles signer(
      JsonNode node, @Nullable Path baseDirectory) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    String certificate = text(node, "certificateFile", "");
    String privateKey = text(node, "privateKeyFile", "");
    if (certificate.isEmpty() || privateKey.isEmpty()) {
      throw new InvalidConfigException(
          "clientCertificateSigner needs both certificateFile and privateKeyFile");
    }
    return new ConciergeConfig.SignerFiles(
        resolve(baseDirectory, certificate), resolve(baseDirectory, privateKey));
  }

  private static Path resolve(@Nullable Path baseDirectory, String file) {
    Path path = Path.of(file);
    return baseDirectory == null ? path : baseDirectory.resolve(path);
  }

  private static String text(JsonNode parent, String key, String fallback) {
    JsonNode node = parent.path(key);
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual()) {
      throw new InvalidConfigException(key + " must be a string");
    }
    return node.asText();
  }

  private static int integer(JsonNode node, String key, int fallback) {
    long value = integer(node, key, (long) fallback);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new InvalidConfigException(key + " is out of range");
    }
    return (int) value;
  }

  private static long integer(JsonNode node, String key, long fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new InvalidConfigException(key + " must be an integer");
    }
    return node.asLong();
  }
}
