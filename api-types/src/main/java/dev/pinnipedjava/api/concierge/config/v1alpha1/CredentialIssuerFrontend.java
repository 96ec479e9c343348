package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import org.jspecify.annotations.Nullable;

/** How clients connect using one strategy; exactly the info matching {@code type} is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialIssuerFrontend(
    @JsonPropertyDescription(
            "Type describes which frontend mechanism clients can use with a strategy.")
        @Required
        FrontendType type,
    @JsonPropertyDescription(
            "TokenCredentialRequestAPIInfo describes the parameters for the TokenCredentialRequest API on this Concierge. Only set when Type is \"TokenCredentialRequestAPI\".")
        @Nullable TokenCredentialRequestAPIInfo tokenCredentialRequestInfo,
    @JsonPropertyDescription(
            "ImpersonationProxyInfo describes the parameters for the impersonation proxy on this Concierge. Only set when Type is \"ImpersonationProxy\".")
        @Nullable ImpersonationProxyInfo impersonationProxyInfo) {}
