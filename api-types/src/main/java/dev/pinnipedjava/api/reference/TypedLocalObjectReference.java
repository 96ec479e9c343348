package dev.pinnipedjava.api.reference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.schema.AtomicObject;
import io.fabric8.generator.annotation.Required;
import org.jspecify.annotations.Nullable;

/**
 * A reference to an object of a given kind in the same namespace (core/v1
 * TypedLocalObjectReference).
 */
@AtomicObject
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TypedLocalObjectReference(
    @JsonPropertyDescription(
            "APIGroup is the group for the resource being referenced. If APIGroup is not specified, the specified Kind must be in the core API group. For any other third-party types, APIGroup is required.")
        @Nullable String apiGroup,
    @JsonPropertyDescription("Kind is the type of resource being referenced") @Required String kind,
    @JsonPropertyDescription("Name is the name of resource being referenced") @Required
        String name) {}
