package dev.pinnipedjava.supervisor.config;

import java.time.Duration;

/**
 * The OIDCClientSecretRequest aggregated API server.
 *
 * @param address where it listens (Pinniped's {@code aggregatedAPIServerPort}, on all interfaces
 *     unless {@code aggregatedAPIServerBindAddress} says otherwise)
 * @param serviceName the Service the APIService points at ({@code names.apiService}); the serving
 *     certificate names {@code <serviceName>.<namespace>.svc}
 * @param servingCertificateSecret the Secret holding its CA and serving certificate
 * @param certificateValidity how long the CA and the serving certificate are valid
 * @param renewBefore how long before their end they are replaced
 */
public record AggregatedApiConfig(
    ListenAddress address,
    String serviceName,
    String servingCertificateSecret,
    Duration certificateValidity,
    Duration renewBefore) {
  public static final int DEFAULT_PORT = 10250;
  public static final String DEFAULT_SERVICE_NAME = "pinniped-supervisor-api";

  /** Pinniped's Supervisor: a one-year CA, rotated after about nine months. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

  public static final Duration DEFAULT_RENEW_BEFORE = Duration.ofDays(90);

  /** The defaults for a Service name and listening address. */
  public static AggregatedApiConfig of(String serviceName, ListenAddress address) {
    return new AggregatedApiConfig(
        address,
        serviceName,
        serviceName + "-tls-serving-certificate",
        DEFAULT_VALIDITY,
        DEFAULT_RENEW_BEFORE);
  }
}
