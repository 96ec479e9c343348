package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.schema.ListType;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What an OIDC client may do: where it may redirect, which grants and scopes it may use. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OIDCClientSpec(
    @JsonPropertyDescription(
            "allowedRedirectURIs is a list of the allowed redirect_uri param values that should be accepted during OIDC flows with this client. Must be a URI with the https scheme, unless the hostname is 127.0.0.1 or ::1 which may use the http scheme; ports of 127.0.0.1 and ::1 are ignored when matching.")
        @Required
        @Size(min = 1)
        @ListType(ListType.Topology.SET)
        List<@Pattern(REDIRECT_URI_PATTERN) String> allowedRedirectURIs,
    @JsonPropertyDescription(
            "allowedGrantTypes is a list of the allowed grant_type param values. authorization_code must always be listed; refresh_token must be listed if allowedScopes lists offline_access; the token-exchange grant must be listed if allowedScopes lists pinniped:request-audience.")
        @Required
        @Size(min = 1)
        @ListType(ListType.Topology.SET)
        List<AllowedGrantType> allowedGrantTypes,
    @JsonPropertyDescription(
            "allowedScopes is a list of the allowed scopes param values. openid must always be listed; offline_access must be listed if allowedGrantTypes lists refresh_token; pinniped:request-audience requires username and groups and must be listed if allowedGrantTypes lists the token-exchange grant.")
        @Required
        @Size(min = 1)
        @ListType(ListType.Topology.SET)
        List<AllowedScope> allowedScopes,
    @JsonPropertyDescription(
            "tokenLifetimes are the optional overrides of token lifetimes for an OIDCClient.")
        @Nullable OIDCClientTokenLifetimes tokenLifetimes) {

  /** Redirect URIs must be https, or http on a loopback address (any port, RFC 8252). */
  public static final String REDIRECT_URI_PATTERN =
      "^https://.+|^http://(127\\.0\\.0\\.1|\\[::1\\])(:\\d+)?/";
}
