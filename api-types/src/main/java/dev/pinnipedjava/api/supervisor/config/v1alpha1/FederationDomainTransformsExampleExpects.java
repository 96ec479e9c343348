package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The outcome an example expects from running all the transform expressions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederationDomainTransformsExampleExpects(
    @JsonPropertyDescription(
            "Username is the expected username after the transformations have been applied.")
        @Nullable String username,
    @JsonPropertyDescription(
            "Groups is the expected list of group names after the transformations have been applied.")
        @Nullable List<String> groups,
    @JsonPropertyDescription(
            "Rejected is a boolean that indicates whether authentication is expected to be rejected by a policy expression after the transformations have been applied.")
        @Nullable Boolean rejected,
    @JsonPropertyDescription(
            "Message is the expected error message of the transforms. When Rejected is true and Message is blank, the default policy rejection message is expected.")
        @Nullable String message) {}
