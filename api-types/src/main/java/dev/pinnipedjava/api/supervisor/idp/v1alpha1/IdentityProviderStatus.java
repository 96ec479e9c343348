package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.condition.Condition;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.schema.ListType;
import io.fabric8.generator.annotation.Default;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the Supervisor observed about an upstream identity provider. */
@JsonClassDescription("Status of the identity provider.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityProviderStatus(
    @JsonPropertyDescription("Phase summarizes the overall status of the identity provider.")
        @Default("Pending")
        @Nullable Phase phase,
    @JsonPropertyDescription("Represents the observations of an identity provider's current state.")
        @ListType(value = ListType.Topology.MAP, mapKeys = "type")
        @Nullable List<Condition> conditions) {}
