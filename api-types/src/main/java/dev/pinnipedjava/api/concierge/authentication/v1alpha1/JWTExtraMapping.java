package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One extra attribute of the user, computed from the token's claims. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JWTExtraMapping(
    @JsonPropertyDescription(
            "Key is the extra attribute's key: a domain-prefixed path of lower-case characters, such as example.org/department.")
        @Required
        @Size(min = 1)
        String key,
    @JsonPropertyDescription(
            "ValueExpression is a CEL expression over `claims` giving the value: a string or a list of strings. An empty result omits the key.")
        @Required
        @Size(min = 1)
        String valueExpression) {}
