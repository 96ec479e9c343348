package dev.pinnipedjava.cli.sessioncache;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which OIDC session an entry belongs to; entries match when every field is equal.
 *
 * @param scopes sorted, so that the order of {@code --scopes} does not matter
 * @param redirectUri {@code http://localhost:<listen-port or 0>/callback}
 * @param upstreamProviderName {@code --upstream-identity-provider-name}, when given
 */
public record SessionCacheKey(
    String issuer,
    @JsonProperty("clientID") String clientId,
    List<String> scopes,
    @JsonProperty("redirect_uri") String redirectUri,
    @JsonProperty("upstream_provider_name") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Nullable String upstreamProviderName) {

  public SessionCacheKey {
    issuer = Objects.requireNonNullElse(issuer, "");
    clientId = Objects.requireNonNullElse(clientId, "");
    scopes =
        scopes == null ? List.of() : scopes.stream().filter(Objects::nonNull).sorted().toList();
    redirectUri = Objects.requireNonNullElse(redirectUri, "");
    upstreamProviderName =
        upstreamProviderName == null || upstreamProviderName.isEmpty()
            ? null
            : upstreamProviderName;
  }

  /** Hex SHA-256 of every field, NUL-separated: names this session's login lock. */
  public String hex() {
    StringBuilder fields = new StringBuilder();
    fields.append(issuer).append('\0').append(clientId).append('\0');
    scopes.forEach(scope -> fields.append(scope).append('\0'));
    fields.append('\0').append(redirectUri).append('\0');
    fields.append(upstreamProviderName == null ? "" : upstreamProviderName);
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(fields.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
