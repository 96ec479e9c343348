package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.reference.LocalObjectReference;
import org.jspecify.annotations.Nullable;

/** The Secrets holding a FederationDomain's keys. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederationDomainSecrets(
    @JsonPropertyDescription(
            "JWKS holds the name of the Secret in which this OIDC Provider's signing/verification keys are stored.")
        @Nullable LocalObjectReference jwks,
    @JsonPropertyDescription(
            "TokenSigningKey holds the name of the Secret in which this OIDC Provider's key for signing tokens is stored.")
        @Nullable LocalObjectReference tokenSigningKey,
    @JsonPropertyDescription(
            "StateSigningKey holds the name of the Secret in which this OIDC Provider's key for signing state parameters is stored.")
        @Nullable LocalObjectReference stateSigningKey,
    @JsonPropertyDescription(
            "StateEncryptionKey holds the name of the Secret in which this OIDC Provider's key for encrypting state parameters is stored.")
        @Nullable LocalObjectReference stateEncryptionKey) {}
