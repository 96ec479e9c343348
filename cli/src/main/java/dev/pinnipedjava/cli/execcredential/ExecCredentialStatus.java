package dev.pinnipedjava.cli.execcredential;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The credential kubectl receives: a bearer token, or a client certificate and its key (both PEM),
 * with an optional expiry after which kubectl runs the plugin again. Also the value stored in the
 * credential cache.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"expirationTimestamp", "token", "clientCertificateData", "clientKeyData"})
public record ExecCredentialStatus(
    @Nullable Instant expirationTimestamp,
    @Nullable String token,
    @Nullable String clientCertificateData,
    @Nullable String clientKeyData) {

  public static ExecCredentialStatus ofToken(String token, @Nullable Instant expiry) {
    return new ExecCredentialStatus(expiry, token, null, null);
  }

  public ExecCredentialStatus withExpiry(@Nullable Instant expiry) {
    return new ExecCredentialStatus(expiry, token, clientCertificateData, clientKeyData);
  }

  /** True when the status carries a token or a complete certificate and key pair. */
  public boolean hasCredential() {
    boolean hasToken = token != null && !token.isEmpty();
    boolean hasCertificate =
        clientCertificateData != null
            && !clientCertificateData.isEmpty()
            && clientKeyData != null
            && !clientKeyData.isEmpty();
    return hasToken || hasCertificate;
  }

  @Override
  public String toString() {
    return "ExecCredentialStatus[expirationTimestamp=%s, token=%s, clientCertificateData=%s, clientKeyData=%s]"
        .formatted(
            expirationTimestamp,
            token == null ? null : "<redacted>",
            clientCertificateData == null ? null : "<present>",
            clientKeyData == null ? null : "<redacted>");
  }
}
