package dev.pinnipedjava.supervisor.storage.gc;

import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.secretstore.StorageSecrets;
import dev.pinnipedjava.supervisor.secretstore.gc.ExpiredSecretCollector;
import dev.pinnipedjava.supervisor.session.DownstreamSession;
import dev.pinnipedjava.supervisor.storage.AuthorizedRequest;
import dev.pinnipedjava.supervisor.storage.SessionStorage;
import dev.pinnipedjava.supervisor.storage.StorageSchema;
import dev.pinnipedjava.supervisor.upstream.RevocationResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the garbage collector does for an expired session Secret, as Pinniped's: before deleting the
 * Secret that holds a login's latest upstream tokens, revoke them at the upstream provider
 * ("Upstream OIDC Token Revoked"); after deleting a code or token Secret, audit "Session Garbage
 * Collected". A revocation worth retrying keeps the Secret for later sweeps, up to {@link
 * #RETRY_LIMIT} past its expiry; any other failure is logged and the Secret deleted.
 */
public final class ExpiredSessionHandler implements ExpiredSecretCollector.ExpiryHandler {
  private static final Logger LOG = Logger.getLogger(ExpiredSessionHandler.class);

  /** Pinniped keeps a Secret at most four hours past its expiry to retry a revocation. */
  public static final Duration RETRY_LIMIT = Duration.ofHours(4);

  private final StorageSecrets documents = new StorageSecrets(StorageSchema.objectMapper());
  private final UpstreamRegistry upstreams;
  private final AuditLog audit;

  public ExpiredSessionHandler(UpstreamRegistry upstreams, AuditLog audit) {
    this.upstreams = upstreams;
    this.audit = audit;
  }

  /**
   * The login a Secret holds.
   *
   * @param holdsLatestUpstreamTokens whether this Secret, of all the login's, has its latest
   *     upstream tokens: an unused code, the login's token session, or (Pinniped's layout) a
   *     refresh token, or an access token of a login that could never refresh
   */
  private record EndedLogin(
      String storageType, AuthorizedRequest login, boolean holdsLatestUpstreamTokens) {}

  @Override
  public boolean beforeDelete(Secret secret, Instant expiredAt, Instant now) {
    Optional<EndedLogin> ended = endedLogin(secret);
    if (ended.isEmpty() || !ended.get().holdsLatestUpstreamTokens()) {
      return true;
    }
    AuthorizedRequest login = ended.get().login();
    DownstreamSession session = login.session();
    Optional<UpstreamIdentityProvider> provider =
        upstreams.findForSession(
            session.providerType(), session.providerResourceName(), session.providerUid());
    if (provider.isEmpty()) {
      LOG.warnf(
          "garbage collector could not revoke the upstream tokens of session %s: no valid %s"
              + " identity provider %s with UID %s",
          login.id(),
          session.providerType(),
          session.providerResourceName(),
          session.providerUid());
      return true;
    }
    RevocationResult result = provider.get().revokeTokens(session.upstream());
    if (result instanceof RevocationResult.Failed failed) {
      boolean retry = failed.retryable() && now.isBefore(expiredAt.plus(RETRY_LIMIT));
      LOG.warnf(
          "garbage collector could not revoke the upstream tokens of session %s (%s): %s",
          login.id(), retry ? "will retry" : "deleting it anyway", failed.reason());
      return !retry;
    }
    for (String tokenType : ((RevocationResult.Revoked) result).tokenTypes()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("sessionID", login.id());
      fields.put("type", tokenType);
      audit.record(AuditEvent.UPSTREAM_OIDC_TOKEN_REVOKED, "", fields);
    }
    return true;
  }

  @Override
  public void deleted(Secret secret) {
    endedLogin(secret)
        .ifPresent(
            ended -> {
              Map<String, Object> fields = new LinkedHashMap<>();
              fields.put("sessionID", ended.login().id());
              fields.put("storageType", ended.storageType());
              audit.record(AuditEvent.SESSION_GARBAGE_COLLECTED, "", fields);
            });
  }

  private Optional<EndedLogin> endedLogin(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    String type = labels == null ? null : labels.get(StorageSecrets.TYPE_LABEL);
    if (type == null) {
      return Optional.empty();
    }
    // PKCE and OIDC session documents only exist beside a code, which stands for them.
    if (type.equals(SessionStorage.AUTHORIZATION_CODE.name())) {
      return documents
          .readIgnoringLifetime(secret, SessionStorage.AUTHORIZATION_CODE)
          .map(code -> new EndedLogin(type, code.request(), code.active()));
    }
    if (type.equals(SessionStorage.ACCESS_TOKEN.name())) {
      return documents
          .readIgnoringLifetime(secret, SessionStorage.ACCESS_TOKEN)
          .map(
              token ->
                  new EndedLogin(
                      type, token.request(), !token.request().granted(OidcScopes.OFFLINE_ACCESS)));
    }
    if (type.equals(SessionStorage.TOKEN_SESSION.name())) {
      return documents
          .readIgnoringLifetime(secret, SessionStorage.TOKEN_SESSION)
          .map(tokens -> new EndedLogin(type, tokens.request(), true));
    }
    if (type.equals(SessionStorage.REFRESH_TOKEN.name())) {
      return documents
          .readIgnoringLifetime(secret, SessionStorage.REFRESH_TOKEN)
          .map(token -> new EndedLogin(type, token.request(), true));
    }
    return Optional.empty();
  }
}
