package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A named constant the transform expressions can read, as {@code strConst.<name>} or {@code
 * strListConst.<name>}; {@code type} says which value field holds it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederationDomainTransformsConstant(
    @JsonPropertyDescription(
            "Name determines the name of the constant. It must be a valid identifier name.")
        @Required
        @Size(min = 1, max = 64)
        @Pattern("^[a-zA-Z][_a-zA-Z0-9]*$")
        String name,
    @JsonPropertyDescription(
            "Type determines the type of the constant, and indicates which other field should be non-empty. Allowed values are \"string\" or \"stringList\".")
        @Required
        TransformsConstantType type,
    @JsonPropertyDescription(
            "StringValue should hold the value when Type is \"string\", and is otherwise ignored.")
        @Nullable String stringValue,
    @JsonPropertyDescription(
            "StringListValue should hold the value when Type is \"stringList\", and is otherwise ignored.")
        @Nullable List<String> stringListValue) {}
