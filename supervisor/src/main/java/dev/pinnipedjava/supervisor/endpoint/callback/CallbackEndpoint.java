package dev.pinnipedjava.supervisor.endpoint.callback;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.pinnipedjava.api.supervisor.oidc.EndpointPaths;
import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.SafeParameters;
import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.endpoint.EndpointServices;
import dev.pinnipedjava.supervisor.endpoint.UpstreamStateCheck;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.keys.SymmetricKey;
import dev.pinnipedjava.supervisor.oauth.AuthorizeRequest;
import dev.pinnipedjava.supervisor.oauth.AuthorizeTarget;
import dev.pinnipedjava.supervisor.oauth.OAuthErrorException;
import dev.pinnipedjava.supervisor.oauth.OAuthErrors;
import dev.pinnipedjava.supervisor.oauth.OAuthResponses;
import dev.pinnipedjava.supervisor.oauth.state.UpstreamState;
import dev.pinnipedjava.supervisor.page.ErrorPage;
import dev.pinnipedjava.supervisor.token.OpaqueToken;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.ResolvedIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamCallback;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code /callback} of one issuer (Pinniped's {@code callback_handler.go}), GET or a form POST (an
 * upstream's own form_post response). Until the state is validated, errors are pages with
 * Pinniped's statuses and messages: 400 state param not found or unreadable, 403 CSRF cookie
 * missing or not matching, 422 state format version invalid. After, they go back to the client.
 */
public final class CallbackEndpoint implements Endpoint {
  private static final Logger LOG = Logger.getLogger(CallbackEndpoint.class);

  private final FederationDomainIssuer issuer;
  private final EndpointServices services;
  private final UpstreamStateCheck stateCheck;

  public CallbackEndpoint(FederationDomainIssuer issuer, EndpointServices services) {
    this.issuer = issuer;
    this.services = services;
    this.stateCheck = new UpstreamStateCheck(issuer, services);
  }

  @Override
  public EndpointResponse handle(EndpointRequest request) {
    Map<String, List<String>> parameters;
    if ("GET".equals(request.method())) {
      parameters = request.query();
    } else if ("POST".equals(request.method())) {
      if (!"application/x-www-form-urlencoded".equals(request.mediaType())) {
        return page(415, "invalid_request", "unsupported content type");
      }
      parameters = request.form();
    } else {
      return page(405, "invalid_request", request.method() + " (try GET or POST)");
    }
    services
        .audit()
        .record(
            AuditEvent.HTTP_REQUEST_PARAMETERS,
            request.auditId(),
            Map.of("params", SafeParameters.filter(parameters, SafeParameters.FRONT_CHANNEL)));
    UpstreamStateCheck.Outcome outcome = stateCheck.check(request, single(parameters, "state"));
    if (outcome instanceof UpstreamStateCheck.Refused refused) {
      return refused.page();
    }
    UpstreamStateCheck.Proven proven = (UpstreamStateCheck.Proven) outcome;
    AuthorizeTarget target = proven.authorize().target(issuer.issuer());
    try {
      return complete(
          request,
          parameters,
          proven.state(),
          proven.authorize(),
          target,
          proven.provider(),
          proven.tokenSigningKey());
    } catch (OAuthErrorException e) {
      return services.responses().frontChannelError(e);
    }
  }

  private EndpointResponse complete(
      EndpointRequest request,
      Map<String, List<String>> parameters,
      UpstreamState state,
      AuthorizeRequest authorize,
      AuthorizeTarget target,
      ResolvedIdentityProvider provider,
      SymmetricKey tokenSigningKey) {
    Optional<String> code = single(parameters, "code");
    if (code.isEmpty()) {
      throw new OAuthErrorException(
          OAuthErrors.accessDenied(
              "The upstream identity provider did not return an authorization code"
                  + single(parameters, "error")
                      .filter(error -> error.matches("[a-z_]{1,64}"))
                      .map(error -> " (error " + error + ")")
                      .orElse("")
                  + "."),
          target);
    }
    LoginResult result;
    try {
      result =
          provider
              .provider()
              .loginFromCallback(
                  new UpstreamCallback(
                      new AuthorizationCode(code.get()),
                      new CodeVerifier(state.codeVerifier()),
                      new Nonce(state.nonce()),
                      URI.create(issuer.issuer() + EndpointPaths.CALLBACK)),
                  provider.displayName());
    } catch (UpstreamException e) {
      LOG.warnf(
          "login with %s failed (audit ID %s): %s",
          provider.provider().ref(), request.auditId(), e.getMessage());
      throw new OAuthErrorException(
          OAuthErrors.serverError("Error exchanging and validating upstream tokens."), target);
    }
    if (result instanceof LoginResult.Rejected rejected) {
      throw new OAuthErrorException(OAuthErrors.accessDenied(rejected.reason()), target);
    }
    OpaqueToken downstreamCode =
        services
            .logins()
            .complete(
                authorize,
                target,
                provider,
                (LoginResult.Authenticated) result,
                tokenSigningKey,
                request.auditId());
    return services
        .responses()
        .authorizationCode(
            target, downstreamCode.value(), authorize.grantedScopes(), OAuthResponses.SEE_OTHER);
  }

  private static Optional<String> single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.size() != 1 || values.get(0).isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(0));
  }

  private static EndpointResponse page(int status, String error, String description) {
    return ErrorPage.render(new ErrorObject(error, description, status));
  }
}
