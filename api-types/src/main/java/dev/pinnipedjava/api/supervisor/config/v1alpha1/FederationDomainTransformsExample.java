package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A sample identity and the result the transform expressions must produce for it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederationDomainTransformsExample(
    @JsonPropertyDescription("Username is the input username.") @Required @Size(min = 1)
        String username,
    @JsonPropertyDescription("Groups is the input list of group names.")
        @Nullable List<String> groups,
    @JsonPropertyDescription(
            "Expects is the expected output of the entire sequence of transforms when they are run against the input Username and Groups.")
        @Required
        FederationDomainTransformsExampleExpects expects) {}
