package dev.pinnipedjava.api.reference;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.schema.AtomicObject;
import dev.pinnipedjava.api.schema.JsonDefault;

/** A reference by name to an object in the same namespace (core/v1 LocalObjectReference). */
@AtomicObject
public record LocalObjectReference(
    @JsonPropertyDescription("Name of the referent.") @JsonDefault("\"\"") String name) {}
