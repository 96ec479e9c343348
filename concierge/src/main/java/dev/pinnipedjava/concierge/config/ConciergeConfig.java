package dev.pinnipedjava.concierge.config;

import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Everything the Concierge is told at start, already validated.
 *
 * @param apiGroupSuffix the suffix of every API group served or read
 * @param namespace the namespace the Concierge runs in
 * @param apiServiceName the Service in front of the aggregated API ({@code names.apiService}); the
 *     kube-apiserver checks that the serving certificate names {@code <service>.<namespace>.svc}
 * @param servingCertificateSecretName the Secret holding the aggregation CA and serving certificate
 *     ({@code names.servingCertificateSecret})
 * @param bindAddress the address the aggregated API server listens on
 * @param aggregatedApiServerPort its port; 0 lets the operating system choose (tests)
 * @param servingCertificate lifetime of the aggregated API's serving certificate
 * @param clientCertificateSigner the CA files that sign TokenCredentialRequest client certificates
 *     when running off-cluster; null when none is configured, and then every exchange fails
 * @param logUsernamesAndGroups whether audit events name users and groups (they are personal data)
 */
public record ConciergeConfig(
    ApiGroupSuffix apiGroupSuffix,
    String namespace,
    String apiServiceName,
    String servingCertificateSecretName,
    String bindAddress,
    int aggregatedApiServerPort,
    ServingCertificate servingCertificate,
    @Nullable SignerFiles clientCertificateSigner,
    boolean logUsernamesAndGroups) {

  public static final int DEFAULT_PORT = 10250;
  public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
  public static final String DEFAULT_NAMESPACE = "pinniped-concierge";
  public static final String DEFAULT_API_SERVICE_NAME = "pinniped-concierge-api";
  public static final String DEFAULT_SERVING_CERTIFICATE_SECRET_NAME =
      "pinniped-concierge-api-tls-serving-certificate";

  public ConciergeConfig {
    if (namespace.isEmpty() || apiServiceName.isEmpty() || servingCertificateSecretName.isEmpty()) {
      throw new IllegalArgumentException(
          "namespace, names.apiService and names.servingCertificateSecret must not be empty");
    }
    if (aggregatedApiServerPort != 0
        && (aggregatedApiServerPort < 1024 || aggregatedApiServerPort > 65535)) {
      throw new IllegalArgumentException(
          "aggregatedAPIServerPort must be between 1024 and 65535 (or 0 for any free port), got "
              + aggregatedApiServerPort);
    }
  }

  /** The defaults Pinniped's Concierge uses, without a client certificate signer. */
  public static ConciergeConfig defaults() {
    return new ConciergeConfig(
        ApiGroupSuffix.DEFAULT,
        DEFAULT_NAMESPACE,
        DEFAULT_API_SERVICE_NAME,
        DEFAULT_SERVING_CERTIFICATE_SECRET_NAME,
        DEFAULT_BIND_ADDRESS,
        DEFAULT_PORT,
        ServingCertificate.DEFAULT,
        null,
        false);
  }

  /**
   * How long the aggregated API's serving certificate lives and how long before its end it is
   * replaced.
   */
  public record ServingCertificate(Duration duration, Duration renewBefore) {
    /** Pinniped's config defaults: one year, renewed after about three months. */
    public static final ServingCertificate DEFAULT =
        new ServingCertificate(Duration.ofDays(365), Duration.ofDays(30L * 9));

    public ServingCertificate {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(
            "api.servingCertificate.durationSeconds must be positive");
      }
      if (renewBefore.isNegative()
          || renewBefore.isZero()
          || renewBefore.compareTo(duration) >= 0) {
        throw new IllegalArgumentException(
            "api.servingCertificate.renewBeforeSeconds must be positive and less than"
                + " durationSeconds");
      }
    }
  }

  /** This config listening on another address and port, as tests need. */
  public ConciergeConfig withListener(String bindAddress, int port) {
    return new ConciergeConfig(
        apiGroupSuffix,
        namespace,
        apiServiceName,
        servingCertificateSecretName,
        bindAddress,
        port,
        servingCertificate,
        clientCertificateSigner,
        logUsernamesAndGroups);
  }

  /** This config with a client certificate signer. */
  public ConciergeConfig withClientCertificateSigner(@Nullable SignerFiles signer) {
    return new ConciergeConfig(
        apiGroupSuffix,
        namespace,
        apiServiceName,
        servingCertificateSecretName,
        bindAddress,
        aggregatedApiServerPort,
        servingCertificate,
        signer,
        logUsernamesAndGroups);
  }

  /** PEM files of a CA certificate and its private key. */
  public record SignerFiles(Path certificateFile, Path privateKeyFile) {}
}
