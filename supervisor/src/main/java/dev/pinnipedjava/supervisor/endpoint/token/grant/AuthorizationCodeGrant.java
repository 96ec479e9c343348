package dev.pinnipedjava.supervisor.endpoint.token.grant;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.pinnipedjava.api.supervisor.oidc.GrantTypes;
import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.oauth.OAuthErrorException;
import dev.pinnipedjava.supervisor.oauth.OAuthErrors;
import dev.pinnipedjava.supervisor.secretstore.SecretStoreConflictException;
import dev.pinnipedjava.supervisor.secretstore.Stored;
import dev.pinnipedjava.supervisor.storage.AuthorizationCodeDocument;
import dev.pinnipedjava.supervisor.storage.AuthorizedRequest;
import dev.pinnipedjava.supervisor.storage.SessionStorage;
import dev.pinnipedjava.supervisor.token.OpaqueTokens;
import dev.pinnipedjava.supervisor.token.TokenLifetimes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The authorization code grant (RFC 6749 section 4.1.3) with PKCE (RFC 7636 section 4.6): a code is
 * good once, for {@link TokenLifetimes#AUTHORIZATION_CODE}, for the client and redirect URI it was
 * issued to, with the verifier of its challenge. A second use revokes every token the first one got
 * (RFC 6749 section 4.1.2).
 */
public final class AuthorizationCodeGrant implements TokenGrant {
  /** RFC 7636 section 4.1. */
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private static final String INVALID_CODE =
      "The provided authorization grant (e.g., authorization code, resource owner credentials) or"
          + " refresh token is invalid, expired, revoked, does not match the redirection URI used"
          + " in the authorization request, or was issued to another client.";

  private final SessionStorage storage;
  private final TokenMinting minting;
  private final AuditLog audit;
  private final Clock clock;

  public AuthorizationCodeGrant(
      SessionStorage storage,
      OpaqueTokens tokens,
      dev.pinnipedjava.supervisor.token.IdTokens idTokens,
      AuditLog audit,
      Clock clock) {
    this.storage = storage;
    this.minting = new TokenMinting(storage, tokens, idTokens, audit);
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public String grantType() {
    return GrantTypes.AUTHORIZATION_CODE;
  }

  @Override
  public TokenResult handle(TokenRequest request) {
    String code =
        request
            .parameter("code")
            .orElseThrow(() -> invalidRequest("The 'code' parameter is required."));
    String signature =
        OpaqueTokens.signature(
                OpaqueTokens.Kind.AUTHORIZATION_CODE,
                code,
                TokenMinting.required(request.keys().tokenSigningKey()))
            .orElseThrow(() -> invalidGrant(INVALID_CODE));
    Stored<AuthorizationCodeDocument> stored =
        storage.authorizationCode(signature).orElseThrow(() -> invalidGrant(INVALID_CODE));
    AuthorizedRequest login = stored.value().request();
    if (!stored.value().active()) {
      storage.revokeTokens(login.id());
      throw invalidGrant(
          "The authorization code has already been used; the tokens issued for it were revoked.");
    }
    Instant now = clock.instant();
    if (!now.isBefore(login.requestedAt().plus(TokenLifetimes.AUTHORIZATION_CODE))) {
      throw invalidGrant("The authorization code has expired.");
    }
    if (!login.clientId().equals(request.client().id())) {
      throw invalidGrant(INVALID_CODE);
    }
    if (!login.redirectUri().equals(request.parameter("redirect_uri").orElse(""))) {
      throw invalidGrant(
          "The 'redirect_uri' parameter does not match the redirect URI of the authorization"
              + " request.");
    }
    checkPkce(signature, request.parameter("code_verifier"));
    AuthorizedRequest fromOidcSession = storage.oidcSession(signature).orElse(login);
    try {
      storage.invalidateAuthorizationCode(signature, stored);
    } catch (SecretStoreConflictException e) {
      // Another request is redeeming the same code right now: neither may have tokens.
      storage.revokeTokens(login.id());
      throw invalidGrant(
          "The authorization code has already been used; the tokens issued for it were revoked.");
    }
    storage.deleteCodeSessions(signature);
    AuthorizedRequest issued = login.withRefreshExpiresAt(now.plus(TokenLifetimes.REFRESH_TOKEN));
    audit.record(AuditEvent.SESSION_FOUND, request.auditId(), Map.of("sessionID", login.id()));
    Map<String, Object> body =
        minting.issue(request, issued, fromOidcSession.nonce(), storage::createTokenSession);
    return new TokenResult(body, login.session().warnings());
  }

  private void checkPkce(String signature, Optional<String> verifier) {
    AuthorizedRequest pkce = storage.pkce(signature).orElseThrow(() -> invalidGrant(INVALID_CODE));
    String challenge = pkce.codeChallenge();
    if (challenge == null) {
      if (verifier.isPresent()) {
        throw invalidGrant(
            "The PKCE code verifier was given, but the authorization request had no code"
                + " challenge.");
      }
      return;
    }
    if (verifier.isEmpty() || !VERIFIER.matcher(verifier.get()).matches()) {
      throw invalidGrant(
          "The PKCE code verifier must be 43 to 128 characters of letters, digits and '-._~'.");
    }
    String computed =
        CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier.get()))
            .getValue();
    if (!MessageDigest.isEqual(
        computed.getBytes(StandardCharsets.US_ASCII),
        challenge.getBytes(StandardCharsets.US_ASCII))) {
      throw invalidGrant("The PKCE code challenge did not match the code verifier.");
    }
  }

  private static OAuthErrorException invalidGrant(String description) {
    return new OAuthErrorException(OAuthErrors.invalidGrant(description));
  }

  private static OAuthErrorException invalidRequest(String description) {
    return new OAuthErrorException(OAuthErrors.invalidRequest(description));
  }
}
