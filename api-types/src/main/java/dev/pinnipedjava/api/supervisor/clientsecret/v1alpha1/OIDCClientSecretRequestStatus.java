package dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The result of an OIDCClientSecretRequest.
 *
 * @param generatedSecret the new plaintext secret, shown only in this response; never logged
 * @param totalClientSecrets how many secrets the client has now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OIDCClientSecretRequestStatus(
    @Nullable String generatedSecret, int totalClientSecrets) {

  @Override
  public String toString() {
    return "OIDCClientSecretRequestStatus[generatedSecret="
        + (generatedSecret == null ? "null" : "<redacted>")
        + ", totalClientSecrets="
        + totalClientSecrets
        + "]";
  }
}
