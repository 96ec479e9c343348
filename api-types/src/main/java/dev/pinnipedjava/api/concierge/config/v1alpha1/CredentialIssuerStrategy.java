package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.schema.Format;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one way of issuing cluster credentials that the Concierge tried.
 *
 * @param lastUpdateTime RFC 3339 time of the last check
 */
@JsonClassDescription(
    "CredentialIssuerStrategy describes the status of an integration strategy that was attempted by Pinniped.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialIssuerStrategy(
    @JsonPropertyDescription("Type of integration attempted.") @Required StrategyType type,
    @JsonPropertyDescription("Status of the attempted integration strategy.") @Required
        StrategyStatus status,
    @JsonPropertyDescription("Reason for the current status.") @Required StrategyReason reason,
    @JsonPropertyDescription("Human-readable description of the current status.")
        @Required
        @Size(min = 1)
        String message,
    @JsonPropertyDescription("When the status was last checked.") @Required @Format("date-time")
        String lastUpdateTime,
    @JsonPropertyDescription("Frontend describes how clients can connect using this strategy.")
        @Nullable CredentialIssuerFrontend frontend) {}
