package dev.pinnipedjava.supervisor.storage;

import dev.pinnipedjava.supervisor.session.DownstreamSession;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A downstream authorization request the user authenticated for, as every document of the login
 * keeps it (fosite's {@code Requester}).
 *
 * @param id identifies the login across its code and tokens (the {@code request-id} label)
 * @param clientId the OAuth client
 * @param redirectUri the redirect URI of the authorization request
 * @param grantedScopes the scopes granted
 * @param requestedAt when the authorization request was made
 * @param nonce the client's OIDC nonce, for the ID token
 * @param codeChallenge the PKCE S256 code challenge (RFC 7636)
 * @param refreshExpiresAt when the login's refresh tokens stop working: 9 hours after the first
 *     token request, whatever the refreshes since
 * @param session the identity
 */
public record AuthorizedRequest(
    String id,
    String clientId,
    String redirectUri,
    List<String> grantedScopes,
    Instant requestedAt,
    @Nullable String nonce,
    @Nullable String codeChallenge,
    @Nullable Instant refreshExpiresAt,
    DownstreamSession session) {
  public AuthorizedRequest {
    grantedScopes = List.copyOf(grantedScopes);
  }

  public boolean granted(String scope) {
    return grantedScopes.contains(scope);
  }

  public AuthorizedRequest withSession(DownstreamSession newSession) {
    return new AuthorizedRequest(
        id,
        clientId,
        redirectUri,
        grantedScopes,
        requestedAt,
        nonce,
        codeChallenge,
        refreshExpiresAt,
        newSession);
  }

  public AuthorizedRequest withRefreshExpiresAt(Instant expiresAt) {
    return new AuthorizedRequest(
        id,
        clientId,
        redirectUri,
        grantedScopes,
        requestedAt,
        nonce,
        codeChallenge,
        expiresAt,
        session);
  }

  @Override
  public String toString() {
    return "AuthorizedRequest[id=" + id + ", clientId=" + clientId + "]";
  }
}
