package dev.pinnipedjava.supervisor.session;

import org.jspecify.annotations.Nullable;

/**
 * An OIDC login as its provider revalidates it: with the upstream refresh token when the provider
 * gave one (preferred), otherwise with the upstream access token against its userinfo endpoint.
 *
 * @param refreshToken the upstream refresh token, if any
 * @param accessToken the upstream access token, kept only when there is no refresh token
 * @param subject the upstream {@code sub}, which must never change
 * @param issuer the upstream {@code iss}, which must never change
 */
public record OidcUpstreamSession(
    @Nullable String refreshToken, @Nullable String accessToken, String subject, String issuer)
    implements UpstreamSessionData {
  public OidcUpstreamSession {
    if (refreshToken == null && accessToken == null) {
      throw new IllegalArgumentException(
          "an OIDC session needs a refresh token or an access token");
    }
  }

  @Override
  public String toString() {
    return "OidcUpstreamSession[issuer="
        + issuer
        + ", refreshToken="
        + (refreshToken == null ? "none" : "redacted")
        + ", accessToken="
        + (accessToken == null ? "none" : "redacted")
        + "]";
  }
}
