package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import org.jspecify.annotations.Nullable;

/** Per-client overrides of token lifetimes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OIDCClientTokenLifetimes(
    @JsonPropertyDescription(
            "idTokenSeconds is the lifetime of ID tokens issued to this client by the authorization flow and the refresh grant (not by token exchange), in seconds, between 120 and 1800 inclusive. When null, a short-lived default is used.")
        @Min(120)
        @Max(1800)
        @Nullable Integer idTokenSeconds) {}
