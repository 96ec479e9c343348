package dev.pinnipedjava.cli.execcredential;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What kubectl tells the plugin through {@code KUBERNETES_EXEC_INFO}: the ExecCredential version it
 * expects back, whether the plugin may talk to the user, and (optionally) the cluster.
 *
 * @param interactive false means the plugin must never wait for input: kubectl is not attached to a
 *     terminal, or the kubeconfig says {@code interactiveMode: Never}
 */
public record ExecInfo(
    ExecCredentialVersion version, boolean interactive, @Nullable ClusterInfo cluster) {

  /** The name of the environment variable kubectl sets. */
  public static final String ENV_VAR = "KUBERNETES_EXEC_INFO";

  private static final String GROUP_PREFIX = "client.authentication.k8s.io/";

  /**
   * Parses the variable once, at the edge. When it is absent (the plugin is run by hand) or cannot
   * be understood, the answer is v1beta1 and interactivity follows the terminal, as for Pinniped.
   */
  public static ExecInfo parse(Optional<String> envValue, boolean stdinIsTerminal) {
    ExecInfo fallback = new ExecInfo(ExecCredentialVersion.DEFAULT, stdinIsTerminal, null);
    if (envValue.isEmpty() || envValue.get().isBlank()) {
      return fallback;
    }
    JsonNode root;
    try {
      root = reader().readTree(envValue.get());
    } catch (IOException e) {
      return fallback;
    }
    if (root == null
        || !root.isObject()
        || !"ExecCredential".equals(root.path("kind").asText())
        || !root.path("apiVersion").asText().startsWith(GROUP_PREFIX)) {
      return fallback;
    }
    ExecCredentialVersion version =
        ExecCredentialVersion.fromApiVersion(root.path("apiVersion").asText())
            .orElse(ExecCredentialVersion.DEFAULT);
    JsonNode spec = root.path("spec");
    return new ExecInfo(
        version, spec.path("interactive").asBoolean(false), cluster(spec.path("cluster")));
  }

  private static @Nullable ClusterInfo cluster(JsonNode node) {
    if (!node.isObject()) {
      return null;
    }
    String caData = textOrNull(node, "certificate-authority-data");
    if (caData != null) {
      // Normalized as Go does when it decodes []byte and encodes it again; client-go rejects
      // undecodable data, which leaves Pinniped without cluster info.
      try {
        byte[] bytes = Base64.getDecoder().decode(caData.replace("\r", "").replace("\n", ""));
        caData = bytes.length == 0 ? null : Base64.getEncoder().encodeToString(bytes);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    JsonNode config = node.get("config");
    return new ClusterInfo(
        node.path("server").asText(""),
        textOrNull(node, "tls-server-name"),
        node.path("insecure-skip-tls-verify").asBoolean(false),
        caData,
        textOrNull(node, "proxy-url"),
        node.path("disable-compression").asBoolean(false),
        config == null || config.isNull() ? null : config);
  }

  private static @Nullable String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  private static ObjectReader reader() {
    // Exact decimals keep numbers in the cluster config close to the text kubectl sent.
    return KubeJson.json()
        .reader()
        .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
  }
}
