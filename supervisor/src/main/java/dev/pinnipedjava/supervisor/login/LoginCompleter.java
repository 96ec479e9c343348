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
import dev.pinnipedjava.supervisor.transform.TransformException;
import dev.pinnipedjava.supervisor.transform.TransformResult;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.ResolvedIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentity;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns an authenticated upstream identity into a downstream login: applies the FederationDomain's
 * identity transformations (whose policies may refuse the user), refuses names Kubernetes reserves,
 * builds the session, and stores it under a new authorization code.
 */
public final class LoginCompleter {
  private static final Logger LOG = Logger.getLogger(LoginCompleter.class);

  /** fosite's description of {@code access_denied}, which its hints follow. */
  private static final String ACCESS_DENIED =
      "The resource owner or authorization server denied the request.";

  /** Pinniped's reason when transformations fail: the details are for the log only. */
  private static final String TRANSFORMS_FAILED =
      "configured identity transformation or policy resulted in unexpected error";

  /** Pinniped's reason when a policy refuses, followed by the policy's message. */
  private static final String POLICY_REJECTED =
      "configured identity policy rejected this authentication: ";

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
   * @throws OAuthErrorException {@code access_denied} back to the client when a policy refuses the
   *     identity, its transformations fail, or it uses a reserved name
   */
  public OpaqueToken complete(
      AuthorizeRequest request,
      AuthorizeTarget target,
      ResolvedIdentityProvider provider,
      LoginResult.Authenticated authenticated,
      SymmetricKey tokenSigningKey,
      String auditId) {
    UpstreamIdentity upstream = authenticated.identity();
    Map<String, Object> upstreamIdentity = new LinkedHashMap<>();
    upstreamIdentity.put("upstreamUsername", upstream.username());
    upstreamIdentity.put("upstreamGroups", upstream.groups());
    audit.recordPersonal(
        AuditEvent.IDENTITY_FROM_UPSTREAM_IDP,
        auditId,
        upstreamIdentity,
        AuditFields.upstreamIdp(
            provider.displayName(),
            provider.type(),
            provider.provider().ref().name(),
            provider.provider().ref().uid()));
    TransformResult.Allowed identity = transform(provider, upstream, target, auditId);
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
            upstream.subject(),
            identity.username(),
            identity.groups(),
            upstream.additionalClaims(),
            provider.displayName(),
            provider.provider().ref().name(),
            provider.provider().ref().uid(),
            provider.type(),
            now,
            authenticated.session(),
            authenticated.warnings(),
            upstream.username(),
            upstream.groups());
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

  private TransformResult.Allowed transform(
      ResolvedIdentityProvider provider,
      UpstreamIdentity upstream,
      AuthorizeTarget target,
      String auditId) {
    TransformResult result;
    try {
      result = provider.transforms().apply(upstream.username(), upstream.groups());
    } catch (TransformException e) {
      LOG.warnf(
          "identity transformations of %s failed (audit ID %s): %s",
          provider.displayName(), auditId, e.getMessage());
      audit.record(
          AuditEvent.AUTHENTICATION_REJECTED_BY_TRANSFORMS,
          auditId,
          Map.of("reason", TRANSFORMS_FAILED));
      throw new OAuthErrorException(
          OAuthErrors.accessDenied(ACCESS_DENIED + " Reason: " + TRANSFORMS_FAILED + "."), target);
    }
    if (result instanceof TransformResult.Rejected rejected) {
      audit.record(
          AuditEvent.AUTHENTICATION_REJECTED_BY_TRANSFORMS,
          auditId,
          Map.of("reason", POLICY_REJECTED + rejected.message()));
      throw new OAuthErrorException(
          OAuthErrors.accessDenied(
              ACCESS_DENIED + " Reason: " + POLICY_REJECTED + rejected.message() + "."),
          target);
    }
    return (TransformResult.Allowed) result;
  }

  /** Whether a username or any group name has the prefix Kubernetes reserves. */
  public static boolean usesReservedName(String username, List<String> groups) {
    return username.startsWith(RESERVED_PREFIX)
        || groups.stream().anyMatch(group -> group.startsWith(RESERVED_PREFIX));
  }
}
