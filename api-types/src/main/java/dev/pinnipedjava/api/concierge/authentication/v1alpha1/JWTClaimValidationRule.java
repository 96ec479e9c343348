package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** A condition on the token's claims: a claim's required value, or a CEL expression. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JWTClaimValidationRule(
    @JsonPropertyDescription(
            "Claim is the name of a claim that must be present with requiredValue. Mutually exclusive with expression.")
        @Nullable String claim,
    @JsonPropertyDescription("RequiredValue is the value the claim must have.")
        @Nullable String requiredValue,
    @JsonPropertyDescription(
            "Expression is a CEL expression over `claims` that must evaluate to true. Mutually exclusive with claim.")
        @Nullable String expression,
    @JsonPropertyDescription("Message explains a failed expression in the audit log.")
        @Nullable String message) {}
