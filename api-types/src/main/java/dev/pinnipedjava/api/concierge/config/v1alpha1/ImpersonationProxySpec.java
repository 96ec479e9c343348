package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.schema.JsonDefault;
import io.fabric8.generator.annotation.Required;
import org.jspecify.annotations.Nullable;

/** The intended configuration of the Concierge's impersonation proxy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImpersonationProxySpec(
    @JsonPropertyDescription(
            "Mode configures whether the impersonation proxy should be started: \"disabled\", \"enabled\", or \"auto\" (decided by the cluster in which it is running).")
        @Required
        ImpersonationProxyMode mode,
    @JsonPropertyDescription(
            "Service describes the configuration of the Service provisioned to expose the impersonation proxy to clients.")
        @Required
        @JsonDefault("{\"type\":\"LoadBalancer\"}")
        ImpersonationProxyServiceSpec service,
    @JsonPropertyDescription(
            "ExternalEndpoint describes the HTTPS endpoint where the proxy will be exposed. If not set, the proxy will be served using the external name of the LoadBalancer service or the cluster service DNS name. Required when spec.impersonationProxy.service.type is \"None\".")
        @Nullable String externalEndpoint,
    @JsonPropertyDescription(
            "TLS contains information about how the Concierge impersonation proxy should serve TLS. If empty, the impersonation proxy generates its own TLS certificate.")
        @Nullable ImpersonationProxyTLSSpec tls) {}
