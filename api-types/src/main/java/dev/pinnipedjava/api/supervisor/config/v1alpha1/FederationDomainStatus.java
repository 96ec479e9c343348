package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.condition.Condition;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.schema.ListType;
import io.fabric8.generator.annotation.Default;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the Supervisor observed about a FederationDomain. */
@JsonClassDescription("Status of the OIDC provider.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederationDomainStatus(
    @JsonPropertyDescription("Phase summarizes the overall status of the FederationDomain.")
        @Default("Pending")
        @Nullable Phase phase,
    @JsonPropertyDescription(
            "Conditions represent the observations of an FederationDomain's current state.")
        @ListType(value = ListType.Topology.MAP, mapKeys = "type")
        @Nullable List<Condition> conditions,
    @JsonPropertyDescription("Secrets contains information about this OIDC Provider's secrets.")
        @Nullable FederationDomainSecrets secrets) {}
