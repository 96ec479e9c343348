package dev.pinnipedjava.supervisor.endpoint.token.grant;

import com.nimbusds.jose.jwk.ECKey;
import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.keys.SymmetricKey;
import dev.pinnipedjava.supervisor.oauth.OAuthErrorException;
import dev.pinnipedjava.supervisor.oauth.OAuthErrors;
import dev.pinnipedjava.supervisor.storage.AuthorizedRequest;
import dev.pinnipedjava.supervisor.storage.SessionStorage;
import dev.pinnipedjava.supervisor.storage.TokenSessionDocument;
import dev.pinnipedjava.supervisor.token.IdTokens;
import dev.pinnipedjava.supervisor.token.OpaqueToken;
import dev.pinnipedjava.supervisor.token.OpaqueTokens;
import dev.pinnipedjava.supervisor.token.TokenLifetimes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Issues the tokens of a login (fosite's token endpoint response): an access token, a refresh token
 * when {@code offline_access} was granted, and an ID token when {@code openid} was.
 */
final class TokenMinting {
  private final SessionStorage storage;
  private final OpaqueTokens tokens;
  private final IdTokens idTokens;
  private final AuditLog audit;

  TokenMinting(SessionStorage storage, OpaqueTokens tokens, IdTokens idTokens, AuditLog audit) {
    this.storage = storage;
    this.tokens = tokens;
    this.idTokens = idTokens;
    this.audit = audit;
  }

  /** Where the new tokens of a login go: a new token session, or a rotation of the current one. */
  @FunctionalInterface
  interface TokenStore {
    /**
     * @throws dev.pinnipedjava.supervisor.secretstore.SecretStoreConflictException when another
     *     request changed the login's tokens meanwhile
     */
    void store(TokenSessionDocument tokens);
  }

  /** Stores new tokens for {@code login} with {@code store} and returns the response members. */
  Map<String, Object> issue(
      TokenRequest request, AuthorizedRequest login, @Nullable String nonce, TokenStore store) {
    SymmetricKey tokenKey = required(request.keys().tokenSigningKey());
    OpaqueToken accessToken =
        tokens.mintForLogin(OpaqueTokens.Kind.ACCESS_TOKEN, tokenKey, login.id());
    OpaqueToken refreshToken =
        login.granted(OidcScopes.OFFLINE_ACCESS)
            ? tokens.mintForLogin(OpaqueTokens.Kind.REFRESH_TOKEN, tokenKey, login.id())
            : null;
    store.store(
        TokenSessionDocument.of(
            login,
            accessToken.signature(),
            storage.accessTokenExpiry(),
            refreshToken == null ? null : refreshToken.signature()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken.value());
    body.put("expires_in", TokenLifetimes.ACCESS_TOKEN.toSeconds());
    if (login.granted(OidcScopes.OPENID)) {
      body.put(
          "id_token",
          idToken(
              request,
              login,
              request.client().id(),
              nonce,
              accessToken.value(),
              request.client().idTokenLifetime()));
    }
    if (refreshToken != null) {
      body.put("refresh_token", refreshToken.value());
    }
    body.put("scope", String.join(" ", login.grantedScopes()));
    body.put("token_type", "bearer");
    return body;
  }

  /** A signed ID token of {@code login} for {@code audience}, valid for {@code lifetime}. */
  String idToken(
      TokenRequest request,
      AuthorizedRequest login,
      String audience,
      @Nullable String nonce,
      @Nullable String accessToken,
      Duration lifetime) {
    ECKey signingKey = request.keys().signingKey();
    if (signingKey == null) {
      throw new OAuthErrorException(
          OAuthErrors.temporarilyUnavailable("The issuer's signing key is not loaded yet."));
    }
    String token =
        idTokens.mint(
            signingKey,
            new IdTokens.Contents(
                request.issuer().issuer(),
                audience,
                request.client().id(),
                login.session(),
                login.grantedScopes(),
                nonce,
                accessToken,
                login.requestedAt(),
                lifetime));
    audit.record(
        AuditEvent.ID_TOKEN_ISSUED,
        request.auditId(),
        Map.of("sessionID", login.id(), "tokenID", IdTokens.tokenId(token)));
    return token;
  }

  static SymmetricKey required(@Nullable SymmetricKey key) {
    if (key == null) {
      throw new OAuthErrorException(
          OAuthErrors.temporarilyUnavailable("The issuer's keys are not loaded yet."));
    }
    return key;
  }
}
