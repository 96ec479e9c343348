package dev.pinnipedjava.api.concierge.login.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pinnipedjava.api.reference.TypedLocalObjectReference;
import org.jspecify.annotations.Nullable;

/**
 * The credential a client presents and the authenticator that should validate it.
 *
 * @param token the bearer token to exchange; never logged
 * @param authenticator the JWTAuthenticator or WebhookAuthenticator to validate the token with
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenCredentialRequestSpec(
    @Nullable String token, @Nullable TypedLocalObjectReference authenticator) {

  @Override
  public String toString() {
    return "TokenCredentialRequestSpec[token="
        + (token == null ? "null" : "<redacted>")
        + ", authenticator="
        + authenticator
        + "]";
  }
}
