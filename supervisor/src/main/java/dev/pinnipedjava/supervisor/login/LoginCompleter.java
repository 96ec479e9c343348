package dev.pinnipedjava.supervisor.login;

import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.AuditFields;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.keys.SymmetricKey;
import dev.pinnipedjava.supervisor.oauth.AuthorizeRequest;
import dev.pinnipedjava.supervisor.oauth.AuthorizeTarget;
import dev.pinnipedjava.supervisor.oauth.OAuthErrorException;
import dev.pinnipedjava.supervisor.oauth.OAuthErrors;
import dev.pinnipedjava.supervisor.oauth.state.LoginRandomness;
import dev.pinnipedjava.supervisor.session.DownstreamSession;
import dev.pinnipedjava.supervisor.storage.AuthorizedRequest;
import dev.pinnipedjava.supervisor.storage.SessionStorage;
import dev.pinnipedjava.supervisor.token.OpaqueToken;
import dev.pinnipedjava.supervisor.token.OpaqueTokens;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.ResolvedIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentity;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an authenticated upstream identity into a downstream login: refuses names Kubernetes
 * reserves, builds the session, and stores it under a new authorization code.
 */
public final class LoginCompleter {
  /** Kubernetes reserves names with this prefix for itself (Pinniped issue 983). */
  public static final String RESERVED_PREFIX = "system:";

  private final SessionStorage storage;
  private final OpaqueTokens tokens;
  private final LoginRandomness randomness;
  private final AuditLog audit;
  private final Clock clock;

  public LoginCompleter(
      SessionStorage storage,
      OpaqueTokens tokens,
      LoginRandomness randomness,
      AuditLog audit,
      Clock clock) {
    this.storage = storage;
    this.tokens = tokens;
    this.randomness = randomness;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Stores the login and returns its authorization code.
   *
   * @throws OAuthErrorException {@code access_denied} back to the client when the identity uses a
   *     reserved name
   */
  public OpaqueToken complete(
      AuthorizeRequest request,
      AuthorizeTarget target,
      ResolvedIdentityProvider provider,
      LoginResult.Authenticated authenticated,
      SymmetricKey tokenSigningKey,
      String auditId) {
    UpstreamIdentity identity = authenticated.identity();
    if (usesReservedName(identity.username(), identity.groups())) {
      throw new OAuthErrorException(
          OAuthErrors.accessDenied(
              "The identity provider asserted a username or group name that Kubernetes reserves"
                  + " (prefix system:)."),
          target);
    }
    Instant now = clock.instant();
    DownstreamSession session =
        new DownstreamSession(
            identity.subject(),
            identity.username(),
            identity.groups(),
            identity.additionalClaims(),
            provider.displayName(),
            provider.provider().ref().name(),
            provider.provider().ref().uid(),
            provider.type(),
            now,
            authenticated.session(),
            authenticated.warnings());
    AuthorizedRequest authorized =
        new AuthorizedRequest(
            randomness.requestId(),
            request.client().id(),
            request.redirectUri().toString(),
            request.grantedScopes(),
            now,
            request.nonce(),
            request.codeChallenge(),
            null,
            session);
    Map<String, Object> upstreamIdentity = new LinkedHashMap<>();
    upstreamIdentity.put("upstreamUsername", identity.username());
    upstreamIdentity.put("upstreamGroups", identity.groups());
    audit.recordPersonal(
        AuditEvent.IDENTITY_FROM_UPSTREAM_IDP,
        auditId,
        upstreamIdentity,
        AuditFields.upstreamIdp(
            provider.displayName(),
            provider.type(),
            provider.provider().ref().name(),
            provider.provider().ref().uid()));
    OpaqueToken code = tokens.mint(OpaqueTokens.Kind.AUTHORIZATION_CODE, tokenSigningKey);
    storage.createAuthorizationCode(code.signature(), authorized);
    Map<String, Object> downstreamIdentity = new LinkedHashMap<>();
    downstreamIdentity.put("username", session.username());
    downstreamIdentity.put("groups", session.groups());
    downstreamIdentity.put("subject", session.subject());
    downstreamIdentity.put("additionalClaims", session.additionalClaims());
    Map<String, Object> started = new LinkedHashMap<>();
    started.put("sessionID", authorized.id());
    started.put("warnings", authenticated.warnings());
    audit.recordPersonal(AuditEvent.SESSION_STARTED, auditId, downstreamIdentity, started);
    return code;
  }

  /** Whether a username or any group name has the prefix Kubernetes reserves. */
  public static boolean usesReservedName(String username, List<String> groups) {
    return username.startsWith(RESERVED_PREFIX)
        || groups.stream().anyMatch(group -> group.startsWith(RESERVED_PREFIX));
  }
}
