package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The Service the Concierge provisions in front of its impersonation proxy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImpersonationProxyServiceSpec(
    @JsonPropertyDescription(
            "Type specifies the type of Service to provision for the impersonation proxy. If the type is \"None\", then spec.impersonationProxy.externalEndpoint must be set.")
        @Default("LoadBalancer")
        @Nullable ImpersonationProxyServiceType type,
    @JsonPropertyDescription(
            "LoadBalancerIP specifies the IP address to set in the spec.loadBalancerIP field of the provisioned Service. This is not supported on all cloud providers.")
        @Size(min = 1, max = 255)
        @Nullable String loadBalancerIP,
    @JsonPropertyDescription(
            "Annotations specifies zero or more key/value pairs to set as annotations on the provisioned Service.")
        @Nullable Map<String, String> annotations) {}
