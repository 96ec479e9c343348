package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** One CEL transform or policy, run in order at every authentication and session refresh. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederationDomainTransformsExpression(
    @JsonPropertyDescription(
            "Type determines the type of the expression. Allowed values are \"policy/v1\", \"username/v1\", or \"groups/v1\".")
        @Required
        TransformsExpressionType type,
    @JsonPropertyDescription(
            "Expression is a CEL expression that will be evaluated based on the Type during an authentication.")
        @Required
        @Size(min = 1)
        String expression,
    @JsonPropertyDescription(
            "Message is only used when Type is policy/v1. It defines an error message to be used when the policy rejects an authentication attempt. When empty, a default message will be used.")
        @Nullable String message) {}
