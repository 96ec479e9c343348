package dev.pinnipedjava.supervisor.endpoint.authorize;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.api.supervisor.oidc.AuthorizeExtensions;
import dev.pinnipedjava.api.supervisor.oidc.EndpointPaths;
import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.AuditFields;
import dev.pinnipedjava.supervisor.audit.SafeParameters;
import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.endpoint.EndpointServices;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.keys.FederationDomainKeys;
import dev.pinnipedjava.supervisor.keys.SymmetricKey;
import dev.pinnipedjava.supervisor.oauth.AuthorizeRequest;
import dev.pinnipedjava.supervisor.oauth.AuthorizeTarget;
import dev.pinnipedjava.supervisor.oauth.OAuthErrorException;
import dev.pinnipedjava.supervisor.oauth.OAuthErrors;
import dev.pinnipedjava.supervisor.oauth.OAuthResponses;
import dev.pinnipedjava.supervisor.oauth.state.CsrfCookie;
import dev.pinnipedjava.supervisor.oauth.state.UpstreamState;
import dev.pinnipedjava.supervisor.oauth.state.UpstreamStateCodec;
import dev.pinnipedjava.supervisor.page.ErrorPage;
import dev.pinnipedjava.supervisor.token.OpaqueToken;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.Password;
import dev.pinnipedjava.supervisor.upstream.ResolvedIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamAuthorizeRequest;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * {@code /oauth2/authorize} of one issuer (Pinniped's {@code auth_handler.go}), GET or POST:
 *
 * <ul>
 *   <li>the browser flow redirects (303) to the chosen provider with PKCE S256, a nonce and a state
 *       that is signed and encrypted and carries the CSRF token of the {@value CsrfCookie#NAME}
 *       cookie, set here when absent;
 *   <li>the CLI password flow ({@code Pinniped-Username}/{@code Pinniped-Password} headers, {@code
 *       pinniped-cli} only) logs in with the provider's password grant and redirects (302) to the
 *       CLI with a code;
 *   <li>without {@code pinniped_idp_name}, a browser goes to the identity provider chooser.
 * </ul>
 */
public final class AuthorizeEndpoint implements Endpoint {
  private static final Logger LOG = Logger.getLogger(AuthorizeEndpoint.class);

  /** Pinniped answers the CLI's password flow with 302, which its client follows without a body. */
  static final int PASSWORD_FLOW_REDIRECT = 302;

  private final FederationDomainIssuer issuer;
  private final EndpointServices services;

  public AuthorizeEndpoint(FederationDomainIssuer issuer, EndpointServices services) {
    this.issuer = issuer;
    this.services = services;
  }

  @Override
  public EndpointResponse handle(EndpointRequest request) {
    if (!"GET".equals(request.method()) && !"POST".equals(request.method())) {
      return ErrorPage.render(
          new ErrorObject(
              "invalid_request", request.method() + " is not allowed (try GET or POST)", 405));
    }
    Map<String, List<String>> parameters =
        "GET".equals(request.method()) ? request.query() : request.form();
    services
        .audit()
        .record(
            AuditEvent.HTTP_REQUEST_PARAMETERS,
            request.auditId(),
            Map.of("params", SafeParameters.filter(parameters, SafeParameters.FRONT_CHANNEL)));
    Optional<String> username = request.header(AuthorizeExtensions.USERNAME_HEADER);
    Optional<String> password = request.header(AuthorizeExtensions.PASSWORD_HEADER);
    boolean passwordFlow = username.isPresent() || password.isPresent();
    if (passwordFlow) {
      services
          .audit()
          .record(
              AuditEvent.HTTP_REQUEST_CUSTOM_HEADERS_USED,
              request.auditId(),
              Map.of(
                  "Pinniped-Username", username.isPresent(),
                  "Pinniped-Password", password.isPresent()));
    }
    try {
      AuthorizeRequest authorize = services.authorizeRequests().parse(parameters, issuer.issuer());
      AuthorizeTarget target = authorize.target(issuer.issuer());
      if (passwordFlow) {
        return passwordFlow(
            authorize, target, username.orElse(""), password.orElse(""), request.auditId());
      }
      if (authorize.promptNone()) {
        throw new OAuthErrorException(
            OAuthErrors.loginRequired("The Authorization Server requires End-User authentication."),
            target);
      }
      Optional<ResolvedIdentityProvider> provider = chooseProvider(authorize, target, false);
      if (provider.isEmpty()) {
        return EndpointResponse.redirect(
            OAuthResponses.SEE_OTHER,
            OAuthResponses.withQuery(
                URI.create(issuer.issuer() + EndpointPaths.CHOOSE_IDENTITY_PROVIDER), parameters));
      }
      return browserFlow(request, authorize, target, provider.get());
    } catch (OAuthErrorException e) {
      AuthorizeTarget target = e.target();
      return target != null && passwordFlow
          ? services.responses().frontChannelError(target, e.error(), PASSWORD_FLOW_REDIRECT)
          : services.responses().frontChannelError(e);
    }
  }

  /**
   * The provider asked for; empty when a browser should choose one.
   *
   * @throws OAuthErrorException when the one asked for is not offered, or none can be chosen
   */
  private Optional<ResolvedIdentityProvider> chooseProvider(
      AuthorizeRequest authorize, AuthorizeTarget target, boolean passwordFlow) {
    String name = authorize.idpName();
    if (name == null && issuer.defaultIdentityProvider() != null) {
      name = issuer.defaultIdentityProvider().displayName();
    }
    if (name == null) {
      if (!passwordFlow && !issuer.identityProviders().isEmpty()) {
        return Optional.empty();
      }
      throw new OAuthErrorException(
          OAuthErrors.invalidRequest(
              "The pinniped_idp_name parameter is required: this FederationDomain offers several"
                  + " identity providers, or none."),
          target);
    }
    ResolvedIdentityProvider provider =
        services
            .upstreams()
            .resolveByDisplayName(issuer, name)
            .orElseThrow(
                () ->
                    new OAuthErrorException(
                        OAuthErrors.invalidRequest(
                            "The pinniped_idp_name parameter does not name an identity provider"
                                + " of this FederationDomain that is ready."),
                        target));
    if (authorize.idpType() != null && !authorize.idpType().equals(provider.type())) {
      throw new OAuthErrorException(
          OAuthErrors.invalidRequest(
              "The pinniped_idp_type parameter does not match the type of the identity provider."),
          target);
    }
    return Optional.of(provider);
  }

  private EndpointResponse browserFlow(
      EndpointRequest request,
      AuthorizeRequest authorize,
      AuthorizeTarget target,
      ResolvedIdentityProvider provider) {
    if (!provider.provider().offers(IDPFlow.BROWSER_AUTHCODE)) {
      throw new OAuthErrorException(
          OAuthErrors.accessDenied("This identity provider does not offer browser logins."),
          target);
    }
    FederationDomainKeys keys = keys(target);
    SymmetricKey csrfKey = services.keys().csrfCookieKey().orElseThrow(() -> unavailable(target));
    SymmetricKey stateSigning = require(keys.stateSigningKey(), target);
    SymmetricKey stateEncryption = require(keys.stateEncryptionKey(), target);
    Optional<String> existingCsrf =
        request
            .cookie(CsrfCookie.NAME)
            .flatMap(value -> services.csrfCookie().decode(value, csrfKey));
    String csrf = existingCsrf.orElseGet(() -> services.randomness().csrfToken());
    Nonce nonce = services.randomness().nonce();
    CodeVerifier verifier = services.randomness().codeVerifier();
    String state =
        services
            .states()
            .encode(
                new UpstreamState(
                    authorize.encodedParametersForState(),
                    provider.displayName(),
                    provider.type(),
                    nonce.getValue(),
                    csrf,
                    verifier.getValue(),
                    UpstreamState.FORMAT_VERSION),
                new UpstreamStateCodec.Keys(stateSigning, stateEncryption));
    services
        .audit()
        .record(
            AuditEvent.USING_UPSTREAM_IDP,
            request.auditId(),
            AuditFields.usingUpstreamIdp(
                provider.displayName(),
                provider.provider().ref().name(),
                provider.provider().ref().uid(),
                provider.type()));
    URI upstream =
        provider
            .provider()
            .authorizeRedirect(
                new UpstreamAuthorizeRequest(
                    state,
                    nonce,
                    verifier,
                    URI.create(issuer.issuer() + EndpointPaths.CALLBACK),
                    URI.create(issuer.issuer() + EndpointPaths.LOGIN)));
    services
        .audit()
        .record(
            AuditEvent.UPSTREAM_AUTHORIZE_REDIRECT,
            request.auditId(),
            Map.of("authorizeID", AuditFields.authorizeId(state)));
    EndpointResponse response =
        EndpointResponse.redirect(OAuthResponses.SEE_OTHER, upstream.toString());
    if (existingCsrf.isEmpty()) {
      response =
          response.withHeader(
              "Set-Cookie",
              CsrfCookie.setCookieHeader(services.csrfCookie().encode(csrf, csrfKey)));
    }
    return response;
  }

  private EndpointResponse passwordFlow(
      AuthorizeRequest authorize,
      AuthorizeTarget target,
      String username,
      String password,
      String auditId) {
    if (!authorize.client().passwordHeadersAllowed()) {
      throw new OAuthErrorException(
          OAuthErrors.accessDenied(
              "This client is not allowed to submit username or password headers to this"
                  + " endpoint."),
          target);
    }
    if (username.isBlank() || password.isBlank()) {
      throw new OAuthErrorException(
          OAuthErrors.accessDenied("Missing or blank username or password."), target);
    }
    ResolvedIdentityProvider provider =
        chooseProvider(authorize, target, true).orElseThrow(IllegalStateException::new);
    if (!provider.provider().offers(IDPFlow.CLI_PASSWORD)) {
      throw new OAuthErrorException(
          OAuthErrors.accessDenied(
              "Resource owner password credentials grant is not allowed for this upstream"
                  + " provider according to its configuration."),
          target);
    }
    SymmetricKey tokenKey = require(keys(target).tokenSigningKey(), target);
    services
        .audit()
        .record(
            AuditEvent.USING_UPSTREAM_IDP,
            auditId,
            AuditFields.usingUpstreamIdp(
                provider.displayName(),
                provider.provider().ref().name(),
                provider.provider().ref().uid(),
                provider.type()));
    LoginResult result;
    try {
      result =
          provider
              .provider()
              .loginWithPassword(username, new Password(password), provider.displayName());
    } catch (UpstreamException e) {
      LOG.warnf(
          "password login with %s failed (audit ID %s): %s",
          provider.provider().ref(), auditId, e.getMessage());
      throw new OAuthErrorException(
          OAuthErrors.serverError("Unexpected error during upstream authentication."), target);
    }
    if (result instanceof LoginResult.Rejected rejected) {
      if (rejected.badCredentials()) {
        services.audit().record(AuditEvent.INCORRECT_USERNAME_OR_PASSWORD, auditId, Map.of());
        throw new OAuthErrorException(
            OAuthErrors.accessDenied(
                "Username/password not accepted by the upstream identity provider."),
            target);
      }
      throw new OAuthErrorException(OAuthErrors.accessDenied(rejected.reason()), target);
    }
    OpaqueToken code =
        services
            .logins()
            .complete(
                authorize, target, provider, (LoginResult.Authenticated) result, tokenKey, auditId);
    return services
        .responses()
        .authorizationCode(target, code.value(), authorize.grantedScopes(), PASSWORD_FLOW_REDIRECT);
  }

  private FederationDomainKeys keys(AuthorizeTarget target) {
    return services
        .keys()
        .forFederationDomain(issuer.federationDomain())
        .orElseThrow(() -> unavailable(target));
  }

  private static SymmetricKey require(@Nullable SymmetricKey key, AuthorizeTarget target) {
    if (key == null) {
      throw unavailable(target);
    }
    return key;
  }

  private static OAuthErrorException unavailable(AuthorizeTarget target) {
    return new OAuthErrorException(
        OAuthErrors.temporarilyUnavailable("The issuer's keys are not loaded yet; try again."),
        target);
  }
}
