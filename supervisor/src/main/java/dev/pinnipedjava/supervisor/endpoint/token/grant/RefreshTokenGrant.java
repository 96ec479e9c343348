package dev.pinnipedjava.supervisor.endpoint.token.grant;

import dev.pinnipedjava.api.supervisor.oidc.ClientIds;
import dev.pinnipedjava.api.supervisor.oidc.GrantTypes;
import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.AuditFields;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.federation.OfferedIdentityProvider;
import dev.pinnipedjava.supervisor.login.LoginCompleter;
import dev.pinnipedjava.supervisor.oauth.OAuthErrorException;
import dev.pinnipedjava.supervisor.oauth.OAuthErrors;
import dev.pinnipedjava.supervisor.secretstore.SecretStoreConflictException;
import dev.pinnipedjava.supervisor.secretstore.Stored;
import dev.pinnipedjava.supervisor.session.DownstreamSession;
import dev.pinnipedjava.supervisor.storage.AuthorizedRequest;
import dev.pinnipedjava.supervisor.storage.SessionStorage;
import dev.pinnipedjava.supervisor.storage.TokenSessionDocument;
import dev.pinnipedjava.supervisor.token.IdTokens;
import dev.pinnipedjava.supervisor.token.OpaqueTokens;
import dev.pinnipedjava.supervisor.transform.IdentityTransforms;
import dev.pinnipedjava.supervisor.transform.TransformException;
import dev.pinnipedjava.supervisor.transform.TransformResult;
import dev.pinnipedjava.supervisor.upstream.RefreshResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentity;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The refresh token grant (RFC 6749 section 6), Pinniped's way: every refresh revalidates the login
 * with its upstream provider (which must still be the same resource, offered by the same
 * FederationDomain), applies the FederationDomain's identity transformations again (a policy may
 * now refuse), the transformed username may not change, new groups replace the old (the CLI is told
 * which changed, in {@code Warning} headers), and the refresh token is rotated: the old one and the
 * login's access tokens are deleted.
 */
public final class RefreshTokenGrant implements TokenGrant {
  private static final Logger LOG = Logger.getLogger(RefreshTokenGrant.class);

  private final SessionStorage storage;
  private final UpstreamRegistry upstreams;
  private final TokenMinting minting;
  private final AuditLog audit;
  private final Clock clock;

  public RefreshTokenGrant(
      SessionStorage storage,
      UpstreamRegistry upstreams,
      OpaqueTokens tokens,
      IdTokens idTokens,
      AuditLog audit,
      Clock clock) {
    this.storage = storage;
    this.upstreams = upstreams;
    this.minting = new TokenMinting(storage, tokens, idTokens, audit);
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public String grantType() {
    return GrantTypes.REFRESH_TOKEN;
  }

  @Override
  public TokenResult handle(TokenRequest request) {
    String token =
        request
            .parameter("refresh_token")
            .orElseThrow(
                () ->
                    new OAuthErrorException(
                        OAuthErrors.invalidRequest("The 'refresh_token' parameter is required.")));
    String signature =
        OpaqueTokens.signature(
                OpaqueTokens.Kind.REFRESH_TOKEN,
                token,
                TokenMinting.required(request.keys().tokenSigningKey()))
            .orElseThrow(RefreshTokenGrant::invalidToken);
    Stored<TokenSessionDocument> tokens =
        OpaqueTokens.loginId(OpaqueTokens.Kind.REFRESH_TOKEN, token)
            .flatMap(storage::tokenSession)
            .filter(stored -> stored.value().isCurrentRefreshToken(signature))
            .orElseThrow(RefreshTokenGrant::invalidToken);
    AuthorizedRequest login = tokens.value().request();
    if (!login.clientId().equals(request.client().id())
        || !login.granted(OidcScopes.OFFLINE_ACCESS)) {
      throw invalidToken();
    }
    if (login.refreshExpiresAt() == null || !clock.instant().isBefore(login.refreshExpiresAt())) {
      throw new OAuthErrorException(OAuthErrors.invalidGrant("The refresh token has expired."));
    }
    Optional<String> scope = request.parameter("scope");
    if (scope.isPresent()) {
      for (String requested : scope.get().split(" ")) {
        if (!requested.isEmpty() && !login.granted(requested)) {
          throw new OAuthErrorException(
              OAuthErrors.invalidScope(
                  "The requested scope is invalid, unknown, or malformed. The refresh cannot widen"
                      + " the scopes of the login."));
        }
      }
    }
    audit.record(AuditEvent.SESSION_FOUND, request.auditId(), Map.of("sessionID", login.id()));
    DownstreamSession session = login.session();
    DownstreamSession refreshed =
        revalidate(session, request.issuer(), login.id(), request.auditId());
    AuthorizedRequest rotated = login.withSession(refreshed);
    Map<String, Object> body;
    try {
      // One update replaces both tokens; the old ones stop matching at once.
      body =
          minting.issue(
              request,
              rotated,
              null,
              next -> storage.rotateTokenSession(tokens.resourceVersion(), next));
    } catch (SecretStoreConflictException e) {
      // Another refresh with the same token rotated them a moment ago.
      throw invalidToken();
    }
    audit.record(AuditEvent.SESSION_REFRESHED, request.auditId(), Map.of("sessionID", login.id()));
    List<String> warnings =
        ClientIds.PINNIPED_CLI.equals(request.client().id())
            ? groupChangeWarnings(session.username(), session.groups(), refreshed.groups())
            : List.of();
    return new TokenResult(body, warnings);
  }

  private DownstreamSession revalidate(
      DownstreamSession session, FederationDomainIssuer issuer, String sessionId, String auditId) {
    Optional<OfferedIdentityProvider> offered =
        issuer.identityProviders().stream()
            .filter(
                candidate ->
                    candidate.kind().discoveryType().wireName().equals(session.providerType())
                        && candidate.resourceName().equals(session.providerResourceName()))
            .findFirst();
    Optional<UpstreamIdentityProvider> provider =
        offered.isEmpty()
            ? Optional.empty()
            : upstreams.findForSession(
                session.providerType(), session.providerResourceName(), session.providerUid());
    if (offered.isEmpty() || provider.isEmpty()) {
      LOG.infof(
          "refresh refused (audit ID %s): identity provider %s is gone or was replaced",
          auditId, session.providerResourceName());
      throw new OAuthErrorException(OAuthErrors.upstreamRefreshFailed());
    }
    RefreshResult result;
    try {
      result =
          provider
              .get()
              .refresh(
                  new UpstreamIdentity(
                      session.subject(),
                      session.upstreamUsername(),
                      session.upstreamGroups(),
                      session.additionalClaims()),
                  session.upstream());
    } catch (UpstreamException e) {
      LOG.warnf("upstream refresh failed (audit ID %s): %s", auditId, e.getMessage());
      throw new OAuthErrorException(OAuthErrors.upstreamRefreshFailed());
    }
    if (result instanceof RefreshResult.Rejected rejected) {
      LOG.infof("upstream refresh rejected (audit ID %s): %s", auditId, rejected.reason());
      throw new OAuthErrorException(OAuthErrors.upstreamRefreshFailed());
    }
    RefreshResult.Refreshed refreshed = (RefreshResult.Refreshed) result;
    UpstreamIdentity upstream = refreshed.identity();
    TransformResult.Allowed identity = transform(offered.get().transforms(), upstream, auditId);
    if (!identity.username().equals(session.username())) {
      LOG.infof("refresh refused (audit ID %s): the username changed", auditId);
      throw new OAuthErrorException(OAuthErrors.upstreamRefreshFailed());
    }
    if (LoginCompleter.usesReservedName(identity.username(), identity.groups())) {
      LOG.infof("refresh refused (audit ID %s): a reserved group name appeared", auditId);
      throw new OAuthErrorException(OAuthErrors.upstreamRefreshFailed());
    }
    Map<String, Object> upstreamIdentity = new LinkedHashMap<>();
    upstreamIdentity.put("upstreamUsername", upstream.username());
    upstreamIdentity.put("upstreamGroups", upstream.groups());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("sessionID", sessionId);
    fields.putAll(
        AuditFields.upstreamIdp(
            session.providerName(),
            session.providerType(),
            session.providerResourceName(),
            session.providerUid()));
    audit.recordPersonal(
        AuditEvent.IDENTITY_REFRESHED_FROM_UPSTREAM_IDP, auditId, upstreamIdentity, fields);
    return session.refreshed(
        upstream.username(),
        upstream.groups(),
        identity.groups(),
        session.additionalClaims(),
        refreshed.session());
  }

  /** The FederationDomain's identity transformations, applied again as at login. */
  private static TransformResult.Allowed transform(
      IdentityTransforms transforms, UpstreamIdentity upstream, String auditId) {
    TransformResult result;
    try {
      result = transforms.apply(upstream.username(), upstream.groups());
    } catch (TransformException e) {
      LOG.warnf(
          "identity transformations failed at refresh (audit ID %s): %s", auditId, e.getMessage());
      throw new OAuthErrorException(
          OAuthErrors.upstreamRefreshFailed(
              "Upstream refresh error while applying configured identity transformations."));
    }
    if (result instanceof TransformResult.Rejected rejected) {
      throw new OAuthErrorException(
          OAuthErrors.upstreamRefreshFailed(
              "Upstream refresh rejected by configured identity policy: "
                  + rejected.message()
                  + "."));
    }
    return (TransformResult.Allowed) result;
  }

  /** Pinniped's warnings: {@code User "x" has been added to the following groups: [...]}. */
  static List<String> groupChangeWarnings(
      String username, List<String> before, List<String> after) {
    Set<String> added = new TreeSet<>(after);
    added.removeAll(new LinkedHashSet<>(before));
    Set<String> removed = new TreeSet<>(before);
    removed.removeAll(new LinkedHashSet<>(after));
    List<String> warnings = new ArrayList<>();
    if (!added.isEmpty()) {
      warnings.add(
          "User \"%s\" has been added to the following groups: %s"
              .formatted(username, goList(added)));
    }
    if (!removed.isEmpty()) {
      warnings.add(
          "User \"%s\" has been removed from the following groups: %s"
              .formatted(username, goList(removed)));
    }
    return warnings;
  }

  /** Go's {@code %q} of a string slice: {@code ["a" "b"]}. */
  private static String goList(Set<String> values) {
    List<String> quoted = new ArrayList<>();
    for (String value : values) {
      quoted.add("\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    return "[" + String.join(" ", quoted) + "]";
  }

  private static OAuthErrorException invalidToken() {
    return new OAuthErrorException(
        OAuthErrors.invalidGrant(
            "The provided authorization grant (e.g., authorization code, resource owner"
                + " credentials) or refresh token is invalid, expired, revoked, does not match the"
                + " redirection URI used in the authorization request, or was issued to another"
                + " client."));
  }
}
