package dev.pinnipedjava.supervisor.endpoint;

import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.AuditFields;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.keys.FederationDomainKeys;
import dev.pinnipedjava.supervisor.keys.SymmetricKey;
import dev.pinnipedjava.supervisor.oauth.AuthorizeRequest;
import dev.pinnipedjava.supervisor.oauth.OAuthErrorException;
import dev.pinnipedjava.supervisor.oauth.state.CsrfCookie;
import dev.pinnipedjava.supervisor.oauth.state.InvalidStateException;
import dev.pinnipedjava.supervisor.oauth.state.UpstreamState;
import dev.pinnipedjava.supervisor.oauth.state.UpstreamStateCodec;
import dev.pinnipedjava.supervisor.page.ErrorPage;
import dev.pinnipedjava.supervisor.upstream.ResolvedIdentityProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Proves the upstream state a browser brings back to {@code /callback} or {@code /login}: this
 * issuer sealed it, it has not expired, it belongs to this browser (its CSRF token equals the CSRF
 * cookie's, compared in constant time), and its provider is still offered. Refusals are error pages
 * with Pinniped's statuses: 400 state missing or unreadable, 403 CSRF cookie missing or not
 * matching, 422 state format version invalid or provider gone.
 */
public final class UpstreamStateCheck {
  private final FederationDomainIssuer issuer;
  private final EndpointServices services;

  public UpstreamStateCheck(FederationDomainIssuer issuer, EndpointServices services) {
    this.issuer = issuer;
    this.services = services;
  }

  /** How the check ended. */
  public sealed interface Outcome {}

  /**
   * The state is proven.
   *
   * @param authorize the downstream authorization request the state carries
   * @param tokenSigningKey the issuer's key for the authorization code of this login
   */
  public record Proven(
      UpstreamState state,
      AuthorizeRequest authorize,
      ResolvedIdentityProvider provider,
      SymmetricKey tokenSigningKey)
      implements Outcome {}

  /** The state is not proven; {@code page} says why. */
  public record Refused(EndpointResponse page) implements Outcome {}

  /** Checks {@code encodedState} against the CSRF cookie of {@code request}. */
  public Outcome check(EndpointRequest request, Optional<String> encodedState) {
    if (encodedState.isEmpty()) {
      return refused(400, "invalid_request", "state param not found");
    }
    Optional<FederationDomainKeys> keys =
        services.keys().forFederationDomain(issuer.federationDomain());
    Optional<SymmetricKey> csrfKey = services.keys().csrfCookieKey();
    if (keys.isEmpty()
        || keys.get().stateSigningKey() == null
        || keys.get().stateEncryptionKey() == null
        || keys.get().tokenSigningKey() == null
        || csrfKey.isEmpty()) {
      return refused(503, "temporarily_unavailable", "the issuer's keys are not loaded yet");
    }
    Optional<String> cookie = request.cookie(CsrfCookie.NAME);
    if (cookie.isEmpty()) {
      return refused(403, "access_denied", "CSRF cookie is missing");
    }
    Optional<String> csrf = services.csrfCookie().decode(cookie.get(), csrfKey.get());
    if (csrf.isEmpty()) {
      return refused(403, "access_denied", "error reading CSRF cookie");
    }
    UpstreamState state;
    try {
      state =
          services
              .states()
              .decode(
                  encodedState.get(),
                  new UpstreamStateCodec.Keys(
                      keys.get().stateSigningKey(), keys.get().stateEncryptionKey()));
    } catch (InvalidStateException e) {
      return e.reason() == InvalidStateException.Reason.WRONG_FORMAT_VERSION
          ? refused(422, "invalid_request", "state format version is invalid")
          : refused(400, "invalid_request", "error reading state");
    }
    if (!MessageDigest.isEqual(
        csrf.get().getBytes(StandardCharsets.UTF_8),
        state.csrfToken().getBytes(StandardCharsets.UTF_8))) {
      return refused(403, "access_denied", "CSRF value does not match");
    }
    services
        .audit()
        .record(
            AuditEvent.AUTHORIZE_ID_FROM_PARAMETERS,
            request.auditId(),
            Map.of("authorizeID", AuditFields.authorizeId(encodedState.get())));
    AuthorizeRequest authorize;
    try {
      authorize =
          services
              .authorizeRequests()
              .parse(FormEncoding.decode(state.authParams()), issuer.issuer());
    } catch (OAuthErrorException e) {
      return refused(400, "invalid_request", "error using state downstream auth params");
    }
    Optional<ResolvedIdentityProvider> provider =
        services.upstreams().resolveByDisplayName(issuer, state.upstreamName());
    if (provider.isEmpty() || !provider.get().type().equals(state.upstreamType())) {
      return refused(422, "invalid_request", "upstream provider not found");
    }
    services
        .audit()
        .record(
            AuditEvent.USING_UPSTREAM_IDP,
            request.auditId(),
            AuditFields.usingUpstreamIdp(
                provider.get().displayName(),
                provider.get().provider().ref().name(),
                provider.get().provider().ref().uid(),
                provider.get().type()));
    return new Proven(state, authorize, provider.get(), keys.get().tokenSigningKey());
  }

  private static Refused refused(int status, String error, String description) {
    return new Refused(ErrorPage.render(new ErrorObject(error, description, status)));
  }
}
