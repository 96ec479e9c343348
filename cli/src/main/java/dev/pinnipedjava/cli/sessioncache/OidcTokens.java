package dev.pinnipedjava.cli.sessioncache;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The tokens of one OIDC session, as Pinniped's {@code oidctypes.Token} stores them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OidcTokens(
    @Nullable AccessToken access, @Nullable RefreshToken refresh, @Nullable IdToken id) {

  boolean isEmpty() {
    return access == null && refresh == null && id == null;
  }

  /** An OAuth2 access token. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record AccessToken(
      String token, @Nullable String type, @Nullable Instant expiryTimestamp) {
    public AccessToken {
      token = token == null ? "" : token;
    }

    @Override
    public String toString() {
      return "AccessToken[token=<redacted>, type=%s, expiryTimestamp=%s]"
          .formatted(type, expiryTimestamp);
    }
  }

  /** An OAuth2 refresh token. */
  public record RefreshToken(String token) {
    public RefreshToken {
      token = token == null ? "" : token;
    }

    @Override
    public String toString() {
      return "RefreshToken[token=<redacted>]";
    }
  }

  /** An OpenID Connect ID token and the claims it carries. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record IdToken(
      String token, @Nullable Instant expiryTimestamp, @Nullable Map<String, Object> claims) {
    public IdToken {
      token = token == null ? "" : token;
      // Claims may hold JSON nulls, which Map.copyOf refuses.
      claims = claims == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    @Override
    public String toString() {
      return "IdToken[token=<redacted>, expiryTimestamp=%s]".formatted(expiryTimestamp);
    }
  }
}
