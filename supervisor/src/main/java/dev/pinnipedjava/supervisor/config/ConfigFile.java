package dev.pinnipedjava.supervisor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.controller.podinfo.PodInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pinniped's Supervisor config file ({@code pinniped.yaml}), the parts this Supervisor uses, with
 * Pinniped's defaults. Only a TCP HTTPS listener is supported so far.
 */
public final class ConfigFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigFile() {}

  public static SupervisorConfig read(Path file, PodInfo pod) throws InvalidConfigException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), pod);
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read config file " + file, e);
    }
  }

  public static SupervisorConfig parse(String yaml, PodInfo pod) throws InvalidConfigException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new InvalidConfigException("config file is not valid YAML", e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = YAML.createObjectNode();
    }
    String suffix = text(root.path("apiGroupSuffix"), ApiGroupSuffix.DEFAULT.value());
    List<String> suffixProblems = ApiGroupSuffix.problems(suffix);
    if (!suffixProblems.isEmpty()) {
      throw new InvalidConfigException(
          "validate apiGroupSuffix: " + String.join("; ", suffixProblems));
    }
    String defaultTlsSecret =
        text(
            root.path("names").path("defaultTLSCertificateSecret"),
            SupervisorConfig.DEFAULT_TLS_CERTIFICATE_SECRET);
    Map<String, String> labels = new LinkedHashMap<>();
    root.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));

    JsonNode https = root.path("endpoints").path("https");
    String network = text(https.path("network"), "tcp");
    if (!network.equals("tcp")) {
      throw new InvalidConfigException(
          "endpoints.https.network \"" + network + "\" is not supported: use tcp");
    }
    String httpNetwork = text(root.path("endpoints").path("http").path("network"), "disabled");
    if (!httpNetwork.equals("disabled")) {
      throw new InvalidConfigException(
          "endpoints.http.network \"" + httpNetwork + "\" is not supported: use disabled");
    }
    ListenAddress address = ListenAddress.parse(text(https.path("address"), ":8443"));
    JsonNode audit = root.path("audit");
    AuditSettings auditSettings =
        new AuditSettings(
            enabled(audit.path("logUsernamesAndGroups"), "audit.logUsernamesAndGroups"),
            enabled(audit.path("logInternalPaths"), "audit.logInternalPaths"));
    return new SupervisorConfig(
        new ApiGroupSuffix(suffix),
        pod.namespace(),
        defaultTlsSecret,
        labels,
        address,
        aggregatedApi(root),
        auditSettings);
  }

  private static AggregatedApiConfig aggregatedApi(JsonNode root) throws InvalidConfigException {
    JsonNode port = root.path("aggregatedAPIServerPort");
    int portNumber = AggregatedApiConfig.DEFAULT_PORT;
    if (!port.isMissingNode() && !port.isNull()) {
      if (!port.canConvertToInt() || port.asInt() < 1024 || port.asInt() > 65535) {
        throw new InvalidConfigException(
            "validate aggregatedAPIServerPort: must be within range 1024 to 65535");
      }
      portNumber = port.asInt();
    }
    String host = text(root.path("aggregatedAPIServerBindAddress"), "0.0.0.0");
    return AggregatedApiConfig.of(
        text(root.path("names").path("apiService"), AggregatedApiConfig.DEFAULT_SERVICE_NAME),
        new ListenAddress(host, portNumber));
  }

  /** Pinniped's switches: {@code enabled} or {@code disabled}, disabled when unset or empty. */
  private static boolean enabled(JsonNode node, String name) throws InvalidConfigException {
    String value = text(node, "disabled");
    return switch (value) {
      case "enabled" -> true;
      case "disabled" -> false;
      default ->
          throw new InvalidConfigException(
              "validate %s: must be \"enabled\" or \"disabled\", not \"%s\""
                  .formatted(name, value));
    };
  }

  private static String text(JsonNode node, String fallback) {
    return node.isTextual() && !node.asText().isEmpty() ? node.asText() : fallback;
  }
}
