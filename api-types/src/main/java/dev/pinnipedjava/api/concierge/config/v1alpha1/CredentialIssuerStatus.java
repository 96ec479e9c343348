package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** The credential strategies the Concierge tried and how each went. */
@JsonClassDescription("CredentialIssuerStatus describes the status of the Concierge.")
public record CredentialIssuerStatus(
    @JsonPropertyDescription("List of integration strategies that were attempted by Pinniped.")
        @Required
        List<CredentialIssuerStrategy> strategies) {}
