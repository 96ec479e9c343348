package dev.pinnipedjava.supervisor.config;

import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Supervisor's configuration, validated.
 *
 * @param apiGroupSuffix the suffix of every API group (Pinniped's {@code apiGroupSuffix})
 * @param namespace where the Supervisor's resources and Secrets live
 * @param defaultTlsCertificateSecret the TLS Secret served to clients whose SNI names no
 *     FederationDomain with a TLS Secret
 * @param labels labels put on every object the Supervisor creates
 * @param https where the HTTPS listener listens
 * @param aggregatedApi the OIDCClientSecretRequest API server; null to serve no aggregated API
 * @param audit what audit events may show
 */
public record SupervisorConfig(
    ApiGroupSuffix apiGroupSuffix,
    String namespace,
    String defaultTlsCertificateSecret,
    Map<String, String> labels,
    ListenAddress https,
    @Nullable AggregatedApiConfig aggregatedApi,
    AuditSettings audit) {
  public static final String DEFAULT_TLS_CERTIFICATE_SECRET =
      "pinniped-supervisor-default-tls-certificate";

  public SupervisorConfig {
    labels = Map.copyOf(labels);
  }

  /** A Supervisor serving only the issuer endpoints, with the default audit settings. */
  public SupervisorConfig(
      ApiGroupSuffix apiGroupSuffix,
      String namespace,
      String defaultTlsCertificateSecret,
      Map<String, String> labels,
      ListenAddress https) {
    this(
        apiGroupSuffix,
        namespace,
        defaultTlsCertificateSecret,
        labels,
        https,
        null,
        AuditSettings.DEFAULT);
  }
}
