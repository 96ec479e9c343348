package dev.pinnipedjava.cli.concierge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The parts of {@code login.concierge.<suffix>/v1alpha1} TokenCredentialRequest the CLI sends and
 * reads.
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "spec", "status"})
record TokenCredentialRequest(
    @Nullable String kind,
    @Nullable String apiVersion,
    @Nullable Metadata metadata,
    @Nullable Spec spec,
    @Nullable Status status) {

  @Override
  public String toString() {
    return "TokenCredentialRequest[apiVersion=%s]".formatted(apiVersion);
  }

  record Metadata(@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant creationTimestamp) {}

  record Spec(@Nullable String token, @Nullable Authenticator authenticator) {
    @Override
    public String toString() {
      return "Spec[token=<redacted>, authenticator=%s]".formatted(authenticator);
    }
  }

  record Authenticator(String apiGroup, String kind, String name) {}

  record Status(@Nullable Credential credential, @Nullable String message) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Credential(
      @Nullable Instant expirationTimestamp,
      @Nullable String token,
      @Nullable String clientCertificateData,
      @Nullable String clientKeyData) {
    @Override
    public String toString() {
      return "Credential[expirationTimestamp=%s]".formatted(expirationTimestamp);
    }
  }
}
