package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** A condition on the mapped user, checked after the claims became a user. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JWTUserValidationRule(
    @JsonPropertyDescription(
            "Expression is a CEL expression over `user` (username, uid, groups, extra) that must evaluate to true.")
        @Required
        @Size(min = 1)
        String expression,
    @JsonPropertyDescription("Message explains a failed expression in the audit log.")
        @Nullable String message) {}
