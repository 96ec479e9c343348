package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.condition.Condition;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.schema.ListType;
import io.fabric8.generator.annotation.Default;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the Concierge observed about an authenticator. */
@JsonClassDescription("Status of the authenticator.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthenticatorStatus(
    @JsonPropertyDescription("Represents the observations of the authenticator's current state.")
        @ListType(value = ListType.Topology.MAP, mapKeys = "type")
        @Nullable List<Condition> conditions,
    @JsonPropertyDescription("Phase summarizes the overall status of the authenticator.")
        @Default("Pending")
        @Nullable Phase phase) {}
