package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.schema.ListType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Identity transformations and policies applied to one identity provider's users. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederationDomainTransforms(
    @JsonPropertyDescription(
            "Constants defines constant variables and their values which will be made available to the transform expressions.")
        @ListType(value = ListType.Topology.MAP, mapKeys = "name")
        @Nullable List<FederationDomainTransformsConstant> constants,
    @JsonPropertyDescription(
            "Expressions are an optional list of CEL transforms and policies (policy/v1, username/v1, groups/v1) executed in the order given during every authentication attempt and every session refresh.")
        @Nullable List<FederationDomainTransformsExpression> expressions,
    @JsonPropertyDescription(
            "Examples are sample input identities with expected results; if any fails, this identity provider is not available in this FederationDomain.")
        @Nullable List<FederationDomainTransformsExample> examples) {}
