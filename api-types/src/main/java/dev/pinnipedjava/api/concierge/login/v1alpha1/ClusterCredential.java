package dev.pinnipedjava.api.concierge.login.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A short-lived credential for the cluster, in the shape of client-go's ExecCredential status.
 *
 * @param expirationTimestamp RFC 3339 time after which the credential is no longer valid
 * @param token a bearer token; the Concierge never sets it
 * @param clientCertificateData PEM client certificate
 * @param clientKeyData PEM private key of the client certificate; never logged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterCredential(
    @Nullable String expirationTimestamp,
    @Nullable String token,
    @Nullable String clientCertificateData,
    @Nullable String clientKeyData) {

  @Override
  public String toString() {
    return "ClusterCredential[expirationTimestamp="
        + expirationTimestamp
        + ", token="
        + redacted(token)
        + ", clientCertificateData="
        + redacted(clientCertificateData)
        + ", clientKeyData="
        + redacted(clientKeyData)
        + "]";
  }

  private static String redacted(@Nullable String value) {
    return value == null ? "null" : "<redacted>";
  }
}
