package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** Where the GitHub API is: github.com, or a GitHub Enterprise Server. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GitHubAPIConfig(
    @JsonPropertyDescription(
            "Host is required only for GitHub Enterprise Server: a domain name or IP address with an optional port (an IPv6 address with a port in square brackets, e.g. \"[::1]:443\"), without scheme, path, query, fragment or userinfo; https is always used. Defaults to \"github.com\", which means \"api.github.com\".")
        @Default("github.com")
        @Size(min = 1)
        @Nullable String host,
    @JsonPropertyDescription(
            "TLS configuration for GitHub Enterprise Server. Should not be needed for github.com; if set for it, the CA bundle must verify connections to \"api.github.com\".")
        @Nullable TLSSpec tls) {}
