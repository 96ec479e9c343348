package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** A name/value parameter of an HTTP request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Parameter(
    @JsonPropertyDescription("The name of the parameter. Required.") @Required @Size(min = 1)
        String name,
    @JsonPropertyDescription("The value of the parameter.") @Nullable String value) {}
