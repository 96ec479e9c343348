package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** Where a WebhookAuthenticator sends TokenReviews and how it trusts that endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAuthenticatorSpec(
    @JsonPropertyDescription("Webhook server endpoint URL.")
        @Required
        @Size(min = 1)
        @Pattern("^https://")
        String endpoint,
    @JsonPropertyDescription("TLS configuration.") @Nullable TLSSpec tls) {}
