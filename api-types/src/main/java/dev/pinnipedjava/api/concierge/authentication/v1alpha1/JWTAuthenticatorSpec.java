package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Which issuer's JWTs a JWTAuthenticator accepts and how it reads identities from them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JWTAuthenticatorSpec(
    @JsonPropertyDescription(
            "Issuer is the OIDC issuer URL that will be used to discover public signing keys. Issuer is also used to validate the \"iss\" JWT claim.")
        @Required
        @Size(min = 1)
        @Pattern("^https://")
        String issuer,
    @JsonPropertyDescription("Audience is the required value of the \"aud\" JWT claim.")
        @Required
        @Size(min = 1)
        String audience,
    @JsonPropertyDescription(
            "Claims allows customization of the claims that will be mapped to user identity for Kubernetes access.")
        @Nullable JWTTokenClaims claims,
    @JsonPropertyDescription("TLS configuration for communicating with the OIDC provider.")
        @Nullable TLSSpec tls,
    @JsonPropertyDescription(
            "ClaimValidationRules are conditions every token's claims must meet, checked before the user is mapped.")
        @Nullable List<JWTClaimValidationRule> claimValidationRules,
    @JsonPropertyDescription("UserValidationRules are conditions the mapped user must meet.")
        @Nullable List<JWTUserValidationRule> userValidationRules) {

  /** A spec without validation rules. */
  public JWTAuthenticatorSpec(
      String issuer, String audience, @Nullable JWTTokenClaims claims, @Nullable TLSSpec tls) {
    this(issuer, audience, claims, tls, null, null);
  }
}
