package dev.pinnipedjava.supervisor.endpoint.login;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.api.supervisor.oidc.EndpointPaths;
import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.SafeParameters;
import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.endpoint.EndpointServices;
import dev.pinnipedjava.supervisor.endpoint.UpstreamStateCheck;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.oauth.AuthorizeRequest;
import dev.pinnipedjava.supervisor.oauth.AuthorizeTarget;
import dev.pinnipedjava.supervisor.oauth.OAuthErrorException;
import dev.pinnipedjava.supervisor.oauth.OAuthErrors;
import dev.pinnipedjava.supervisor.oauth.OAuthResponses;
import dev.pinnipedjava.supervisor.oauth.state.UpstreamState;
import dev.pinnipedjava.supervisor.page.ErrorPage;
import dev.pinnipedjava.supervisor.page.LoginFormPage;
import dev.pinnipedjava.supervisor.token.OpaqueToken;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.Password;
import dev.pinnipedjava.supervisor.upstream.ResolvedIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamAuthorizeRequest;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code /login} of one issuer (Pinniped's {@code login_handler.go}), for providers whose browser
 * login sends the browser here instead of to a server of their own. GET shows the form for the
 * upstream state in the query; POST takes {@code username}, {@code password} and {@code state},
 * proves the state as {@code /callback} does, and asks the provider. Wrong credentials, and an
 * unreachable provider, send the browser back to the form (303) with an alert; success completes
 * the login as {@code /callback} does. The password is never shown, logged or sent back.
 */
public final class LoginEndpoint implements Endpoint {
  private static final Logger LOG = Logger.getLogger(LoginEndpoint.class);

  private static final String FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

  private final FederationDomainIssuer issuer;
  private final EndpointServices services;
  private final UpstreamStateCheck stateCheck;
  private final URI loginPage;
  private final URI callback;

  public LoginEndpoint(FederationDomainIssuer issuer, EndpointServices services) {
    this.issuer = issuer;
    this.services = services;
    this.stateCheck = new UpstreamStateCheck(issuer, services);
    this.loginPage = URI.create(issuer.issuer() + EndpointPaths.LOGIN);
    this.callback = URI.create(issuer.issuer() + EndpointPaths.CALLBACK);
  }

  @Override
  public EndpointResponse handle(EndpointRequest request) {
    boolean post = "POST".equals(request.method());
    if (!post && !"GET".equals(request.method())) {
      return page(405, "invalid_request", request.method() + " (try GET or POST)");
    }
    if (post && !FORM_MEDIA_TYPE.equals(request.mediaType())) {
      return page(415, "invalid_request", "unsupported content type");
    }
    Map<String, List<String>> parameters = post ? request.form() : request.query();
    services
        .audit()
        .record(
            AuditEvent.HTTP_REQUEST_PARAMETERS,
            request.auditId(),
            Map.of("params", SafeParameters.filter(parameters, SafeParameters.FRONT_CHANNEL)));
    Optional<String> encodedState = single(parameters, "state");
    UpstreamStateCheck.Outcome outcome = stateCheck.check(request, encodedState);
    if (outcome instanceof UpstreamStateCheck.Refused refused) {
      return refused.page();
    }
    UpstreamStateCheck.Proven proven = (UpstreamStateCheck.Proven) outcome;
    String state = encodedState.orElseThrow();
    if (!sendsBrowsersHere(proven.provider(), state, proven.state())) {
      return page(400, "invalid_request", "this identity provider does not log in with this form");
    }
    if (!post) {
      return LoginFormPage.render(
          proven.provider().displayName(),
          loginPage,
          state,
          single(parameters, "err").flatMap(LoginFormPage.Alert::fromParameter));
    }
    AuthorizeTarget target = proven.authorize().target(issuer.issuer());
    try {
      return logIn(
          request,
          proven,
          target,
          state,
          single(parameters, "username").orElse(""),
          new Password(single(parameters, "password").orElse("")));
    } catch (OAuthErrorException e) {
      return services.responses().frontChannelError(e);
    }
  }

  private EndpointResponse logIn(
      EndpointRequest request,
      UpstreamStateCheck.Proven proven,
      AuthorizeTarget target,
      String state,
      String username,
      Password password) {
    if (username.isEmpty() || password.value().isEmpty()) {
      return backToForm(state, LoginFormPage.Alert.INCORRECT_USERNAME_OR_PASSWORD);
    }
    ResolvedIdentityProvider provider = proven.provider();
    LoginResult result;
    try {
      result = provider.provider().loginWithPassword(username, password, provider.displayName());
    } catch (UpstreamException e) {
      LOG.warnf(
          "login with %s failed (audit ID %s): %s",
          provider.provider().ref(), request.auditId(), e.getMessage());
      return backToForm(state, LoginFormPage.Alert.INTERNAL_ERROR);
    }
    if (result instanceof LoginResult.Rejected rejected) {
      if (rejected.badCredentials()) {
        services
            .audit()
            .record(AuditEvent.INCORRECT_USERNAME_OR_PASSWORD, request.auditId(), Map.of());
        return backToForm(state, LoginFormPage.Alert.INCORRECT_USERNAME_OR_PASSWORD);
      }
      throw new OAuthErrorException(OAuthErrors.accessDenied(rejected.reason()), target);
    }
    AuthorizeRequest authorize = proven.authorize();
    OpaqueToken code =
        services
            .logins()
            .complete(
                authorize,
                target,
                provider,
                (LoginResult.Authenticated) result,
                proven.tokenSigningKey(),
                request.auditId());
    return services
        .responses()
        .authorizationCode(
            target, code.value(), authorize.grantedScopes(), OAuthResponses.SEE_OTHER);
  }

  /**
   * Whether the provider's browser login comes to this form: asked as the authorize endpoint asks
   * it, so that no endpoint needs to know which kinds of provider take passwords here.
   */
  private boolean sendsBrowsersHere(
      ResolvedIdentityProvider provider, String encodedState, UpstreamState state) {
    if (!provider.provider().offers(IDPFlow.BROWSER_AUTHCODE)
        || !provider.provider().offers(IDPFlow.CLI_PASSWORD)) {
      return false;
    }
    URI redirect =
        provider
            .provider()
            .authorizeRedirect(
                new UpstreamAuthorizeRequest(
                    encodedState,
                    new Nonce(state.nonce()),
                    new CodeVerifier(state.codeVerifier()),
                    callback,
                    loginPage));
    return Objects.equals(redirect.getScheme(), loginPage.getScheme())
        && Objects.equals(redirect.getRawAuthority(), loginPage.getRawAuthority())
        && Objects.equals(redirect.getRawPath(), loginPage.getRawPath());
  }

  private EndpointResponse backToForm(String state, LoginFormPage.Alert alert) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    parameters.put("state", List.of(state));
    parameters.put("err", List.of(alert.parameter()));
    return EndpointResponse.redirect(
        OAuthResponses.SEE_OTHER, OAuthResponses.withQuery(loginPage, parameters));
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
