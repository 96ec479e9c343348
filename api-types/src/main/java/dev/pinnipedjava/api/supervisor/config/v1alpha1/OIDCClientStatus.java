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

/** What the Supervisor observed about an OIDCClient. */
@JsonClassDescription("Status of the OIDC client.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OIDCClientStatus(
    @JsonPropertyDescription("phase summarizes the overall status of the OIDCClient.")
        @Default("Pending")
        @Nullable Phase phase,
    @JsonPropertyDescription(
            "conditions represent the observations of an OIDCClient's current state.")
        @ListType(value = ListType.Topology.MAP, mapKeys = "type")
        @Nullable List<Condition> conditions,
    @JsonPropertyDescription(
            "totalClientSecrets is the current number of client secrets that are detected for this OIDCClient.")
        @Nullable Integer totalClientSecrets) {}
