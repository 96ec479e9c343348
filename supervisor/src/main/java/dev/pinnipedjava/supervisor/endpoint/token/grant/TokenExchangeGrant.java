package dev.pinnipedjava.supervisor.endpoint.token.grant;

import dev.pinnipedjava.api.supervisor.oidc.ClientIds;
import dev.pinnipedjava.api.supervisor.oidc.GrantTypes;
import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import dev.pinnipedjava.api.supervisor.oidc.TokenTypes;
import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.oauth.OAuthErrorException;
import dev.pinnipedjava.supervisor.oauth.OAuthErrors;
import dev.pinnipedjava.supervisor.storage.AuthorizedRequest;
import dev.pinnipedjava.supervisor.storage.SessionStorage;
import dev.pinnipedjava.supervisor.token.IdTokens;
import dev.pinnipedjava.supervisor.token.OpaqueTokens;
import dev.pinnipedjava.supervisor.token.TokenLifetimes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 8693 token exchange, narrowed as Pinniped's: a downstream access token in, an ID token for
 * one cluster audience out ({@code token_type} {@value TokenTypes#NOT_APPLICABLE}). The audience
 * may not be a Pinniped name ({@code .pinniped.dev}, {@code pinniped-cli}); the login must have
 * been granted {@code openid}, {@code pinniped:request-audience} and {@code username}; the access
 * token must be the same client's.
 */
public final class TokenExchangeGrant implements TokenGrant {
  private static final List<String> FORBIDDEN_PARAMETERS =
      List.of("resource", "scope", "actor_token", "actor_token_type");

  private final SessionStorage storage;
  private final TokenMinting minting;
  private final AuditLog audit;

  public TokenExchangeGrant(
      SessionStorage storage, OpaqueTokens tokens, IdTokens idTokens, AuditLog audit) {
    this.storage = storage;
    this.minting = new TokenMinting(storage, tokens, idTokens, audit);
    this.audit = audit;
  }

  @Override
  public String grantType() {
    return GrantTypes.TOKEN_EXCHANGE;
  }

  @Override
  public TokenResult handle(TokenRequest request) {
    String audience = required(request, "audience");
    String subjectToken = required(request, "subject_token");
    String subjectTokenType = required(request, "subject_token_type");
    String requestedTokenType = required(request, "requested_token_type");
    for (String forbidden : FORBIDDEN_PARAMETERS) {
      if (request.parameter(forbidden).isPresent()) {
        throw invalidRequest("The '" + forbidden + "' parameter is not supported.");
      }
    }
    if (!TokenTypes.ACCESS_TOKEN.equals(subjectTokenType)) {
      throw invalidRequest(
          "Unsupported 'subject_token_type' parameter value, must be '"
              + TokenTypes.ACCESS_TOKEN
              + "'.");
    }
    if (!TokenTypes.JWT.equals(requestedTokenType)) {
      throw invalidRequest(
          "Unsupported 'requested_token_type' parameter value, must be '" + TokenTypes.JWT + "'.");
    }
    if (audience.contains(".pinniped.dev")) {
      throw invalidRequest("requested audience cannot contain '.pinniped.dev'");
    }
    if (ClientIds.PINNIPED_CLI.equals(audience)) {
      throw invalidRequest("requested audience cannot equal '" + ClientIds.PINNIPED_CLI + "'");
    }
    String signature =
        OpaqueTokens.signature(
                OpaqueTokens.Kind.ACCESS_TOKEN,
                subjectToken,
                TokenMinting.required(request.keys().tokenSigningKey()))
            .orElseThrow(() -> invalidRequest("Invalid 'subject_token' parameter value."));
    AuthorizedRequest login =
        OpaqueTokens.loginId(OpaqueTokens.Kind.ACCESS_TOKEN, subjectToken)
            .flatMap(loginId -> storage.accessTokenLogin(loginId, signature))
            .orElseThrow(() -> invalidRequest("Invalid 'subject_token' parameter value."));
    if (!login.clientId().equals(request.client().id())) {
      throw invalidRequest("The 'subject_token' was issued to another client.");
    }
    audit.record(AuditEvent.SESSION_FOUND, request.auditId(), Map.of("sessionID", login.id()));
    for (String scope :
        List.of(OidcScopes.OPENID, OidcScopes.REQUEST_AUDIENCE, OidcScopes.USERNAME)) {
      if (!login.granted(scope)) {
        throw new OAuthErrorException(
            OAuthErrors.accessDenied(
                "The 'subject_token' was not granted the '" + scope + "' scope."));
      }
    }
    String idToken = minting.idToken(request, login, audience, null, null, TokenLifetimes.ID_TOKEN);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", idToken);
    body.put("issued_token_type", TokenTypes.JWT);
    body.put("token_type", TokenTypes.NOT_APPLICABLE);
    return new TokenResult(body, List.of());
  }

  private static String required(TokenRequest request, String name) {
    return request
        .parameter(name)
        .orElseThrow(() -> invalidRequest("The '" + name + "' parameter is required."));
  }

  private static OAuthErrorException invalidRequest(String description) {
    return new OAuthErrorException(OAuthErrors.invalidRequest(description));
  }
}
