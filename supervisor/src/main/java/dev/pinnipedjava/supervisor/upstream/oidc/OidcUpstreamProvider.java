package dev.pinnipedjava.supervisor.upstream.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.api.supervisor.oidc.IdTokenClaims;
import dev.pinnipedjava.supervisor.session.OidcUpstreamSession;
import dev.pinnipedjava.supervisor.session.UpstreamSessionData;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.Password;
import dev.pinnipedjava.supervisor.upstream.RefreshResult;
import dev.pinnipedjava.supervisor.upstream.RevocationResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamAuthorizeRequest;
import dev.pinnipedjava.supervisor.upstream.UpstreamCallback;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentity;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRef;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One validated OIDCIdentityProvider: authorization code flow with PKCE S256 and nonce, the
 * password grant when allowed, and revalidation on refresh with the upstream refresh token (or,
 * without one, the userinfo endpoint), as Pinniped's {@code upstreamoidc} provider.
 */
final class OidcUpstreamProvider implements UpstreamIdentityProvider {
  /** Pinniped warns when an access token is all there is and it expires this soon. */
  private static final Duration SHORT_ACCESS_TOKEN = Duration.ofHours(3);

  static final String SHORT_ACCESS_TOKEN_WARNING =
      "Access token from identity provider has lifetime of less than 3 hours. Expect frequent"
          + " prompts to log in.";

  /** The signature algorithms accepted on upstream ID tokens when discovery names none. */
  private static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.RS256);

  private final UpstreamRef ref;
  private final ClientID clientId;
  private final Secret clientSecret;
  private final List<String> scopes;
  private final Map<String, String> additionalAuthorizeParameters;
  private final OidcClaimsMapping claims;
  private final boolean allowPasswordGrant;
  private final OidcDiscovery.Discovered discovered;

  OidcUpstreamProvider(
      UpstreamRef ref,
      ClientID clientId,
      Secret clientSecret,
      List<String> scopes,
      Map<String, String> additionalAuthorizeParameters,
      OidcClaimsMapping claims,
      boolean allowPasswordGrant,
      OidcDiscovery.Discovered discovered) {
    this.ref = ref;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scopes = List.copyOf(scopes);
    this.additionalAuthorizeParameters = Map.copyOf(additionalAuthorizeParameters);
    this.claims = claims;
    this.allowPasswordGrant = allowPasswordGrant;
    this.discovered = discovered;
  }

  @Override
  public UpstreamRef ref() {
    return ref;
  }

  @Override
  public List<IDPFlow> flows() {
    return allowPasswordGrant
        ? List.of(IDPFlow.BROWSER_AUTHCODE, IDPFlow.CLI_PASSWORD)
        : List.of(IDPFlow.BROWSER_AUTHCODE);
  }

  private OIDCProviderMetadata metadata() {
    return discovered.metadata();
  }

  @Override
  public URI authorizeRedirect(UpstreamAuthorizeRequest request) {
    AuthenticationRequest.Builder builder =
        new AuthenticationRequest.Builder(
                ResponseType.CODE,
                new Scope(scopes.toArray(String[]::new)),
                clientId,
                request.redirectUri())
            .endpointURI(metadata().getAuthorizationEndpointURI())
            .state(new State(request.state()))
            .nonce(request.nonce())
            .codeChallenge(request.codeVerifier(), CodeChallengeMethod.S256);
    additionalAuthorizeParameters.forEach(builder::customParameter);
    return builder.build().toURI();
  }

  @Override
  public LoginResult loginFromCallback(UpstreamCallback callback, String displayName) {
    OIDCTokens tokens =
        requestTokens(
            new AuthorizationCodeGrant(
                callback.code(), callback.redirectUri(), callback.codeVerifier()),
            null,
            "authorization code exchange");
    if (tokens == null) {
      throw new UpstreamException("the upstream provider refused the authorization code");
    }
    return login(tokens, callback.nonce(), displayName);
  }

  @Override
  public LoginResult loginWithPassword(String username, Password password, String displayName) {
    if (!allowPasswordGrant) {
      throw new UnsupportedOperationException("the password grant is not allowed");
    }
    OIDCTokens tokens =
        requestTokens(
            new ResourceOwnerPasswordCredentialsGrant(username, new Secret(password.value())),
            new Scope(scopes.toArray(String[]::new)),
            "password grant");
    if (tokens == null) {
      return new LoginResult.Rejected(
          "Username/password not accepted by the upstream identity provider.", true);
    }
    return login(tokens, null, displayName);
  }

  private LoginResult login(OIDCTokens tokens, @Nullable Nonce nonce, String displayName) {
    JWT idToken = tokens.getIDToken();
    if (idToken == null) {
      throw new UpstreamException("the upstream provider returned no ID token");
    }
    Map<String, Object> merged = validateAndMerge(idToken, nonce, tokens.getAccessToken());
    UpstreamIdentity identity;
    try {
      identity = claims.identity(merged, displayName);
    } catch (OidcClaimsMapping.InvalidClaimsException e) {
      return new LoginResult.Rejected(e.reason(), false);
    }
    RefreshToken refreshToken = tokens.getRefreshToken();
    // Both are present and strings: the mapping checked them.
    String issuer = String.valueOf(merged.get(IdTokenClaims.ISSUER));
    String subject = String.valueOf(merged.get(IdTokenClaims.SUBJECT));
    if (refreshToken != null) {
      return new LoginResult.Authenticated(
          identity,
          new OidcUpstreamSession(refreshToken.getValue(), null, subject, issuer),
          List.of());
    }
    if (metadata().getUserInfoEndpointURI() == null || tokens.getAccessToken() == null) {
      return new LoginResult.Rejected(
          "the upstream identity provider returned no refresh token and offers no userinfo"
              + " endpoint, so the session could not be revalidated later",
          false);
    }
    AccessToken accessToken = tokens.getAccessToken();
    List<String> warnings =
        accessToken.getLifetime() > 0 && accessToken.getLifetime() < SHORT_ACCESS_TOKEN.toSeconds()
            ? List.of(SHORT_ACCESS_TOKEN_WARNING)
            : List.of();
    return new LoginResult.Authenticated(
        identity, new OidcUpstreamSession(null, accessToken.getValue(), subject, issuer), warnings);
  }

  @Override
  public RefreshResult refresh(UpstreamIdentity previous, UpstreamSessionData session) {
    if (!(session instanceof OidcUpstreamSession oidc)) {
      return new RefreshResult.Rejected("the session was not made by an OIDC provider");
    }
    Map<String, Object> merged;
    OidcUpstreamSession updated;
    if (oidc.refreshToken() != null) {
      OIDCTokens tokens =
          requestTokens(
              new RefreshTokenGrant(new RefreshToken(oidc.refreshToken())), null, "refresh");
      if (tokens == null) {
        return new RefreshResult.Rejected("the upstream provider refused the refresh token");
      }
      JWT idToken = tokens.getIDToken();
      merged =
          idToken == null
              ? userInfo(tokens.getAccessToken(), oidc.subject()).orElse(Map.of())
              : validateAndMerge(idToken, null, tokens.getAccessToken());
      RefreshToken rotated = tokens.getRefreshToken();
      updated =
          new OidcUpstreamSession(
              rotated == null ? oidc.refreshToken() : rotated.getValue(),
              null,
              oidc.subject(),
              oidc.issuer());
    } else {
      String accessToken = oidc.accessToken();
      Optional<Map<String, Object>> info =
          accessToken == null
              ? Optional.empty()
              : userInfo(new BearerAccessToken(accessToken), oidc.subject());
      if (info.isEmpty()) {
        return new RefreshResult.Rejected("the upstream userinfo endpoint did not answer");
      }
      merged = info.get();
      updated = oidc;
    }
    Object subject = merged.get(IdTokenClaims.SUBJECT);
    if (subject != null && !oidc.subject().equals(subject)) {
      return new RefreshResult.Rejected("the upstream subject changed");
    }
    Object issuer = merged.get(IdTokenClaims.ISSUER);
    if (issuer != null && !oidc.issuer().equals(issuer)) {
      return new RefreshResult.Rejected("the upstream issuer changed");
    }
    Map<String, Object> withIdentity = new LinkedHashMap<>(merged);
    withIdentity.putIfAbsent(IdTokenClaims.ISSUER, oidc.issuer());
    withIdentity.putIfAbsent(IdTokenClaims.SUBJECT, oidc.subject());
    try {
      String username =
          claims.usernameClaim() != null && merged.containsKey(claims.usernameClaim())
              ? claims.username(withIdentity, oidc.issuer(), oidc.subject())
              : previous.username();
      List<String> groups = claims.groups(withIdentity).orElse(previous.groups());
      return new RefreshResult.Refreshed(
          new UpstreamIdentity(previous.subject(), username, groups, previous.additionalClaims()),
          updated);
    } catch (OidcClaimsMapping.InvalidClaimsException e) {
      return new RefreshResult.Rejected(e.reason());
    }
  }

  @Override
  public RevocationResult revokeTokens(UpstreamSessionData session) {
    URI endpoint = metadata().getRevocationEndpointURI();
    if (!(session instanceof OidcUpstreamSession oidc) || endpoint == null) {
      return RevocationResult.nothingToRevoke();
    }
    TokenRevocation revocation =
        new TokenRevocation(endpoint, clientId, clientSecret, discovered.http());
    List<String> revoked = new ArrayList<>();
    // A login holds one of the two: its latest refresh token, or the access token it got instead.
    if (oidc.refreshToken() != null) {
      RevocationResult.Failed failed = revocation.revoke(new RefreshToken(oidc.refreshToken()));
      if (failed != null) {
        return failed;
      }
      revoked.add("refresh_token");
    }
    if (oidc.accessToken() != null) {
      RevocationResult.Failed failed = revocation.revoke(new BearerAccessToken(oidc.accessToken()));
      if (failed != null) {
        return failed;
      }
      revoked.add("access_token");
    }
    return new RevocationResult.Revoked(revoked);
  }

  /**
   * Sends a token request.
   *
   * @return the tokens; null when the provider answered with an OAuth error
   */
  private @Nullable OIDCTokens requestTokens(
      AuthorizationGrant grant, @Nullable Scope scope, String what) {
    TokenRequest request =
        new TokenRequest(metadata().getTokenEndpointURI(), clientAuthentication(), grant, scope);
    HTTPResponse response = discovered.http().send(request.toHTTPRequest(), what);
    TokenResponse parsed;
    try {
      parsed = OIDCTokenResponseParser.parse(response);
    } catch (ParseException e) {
      throw new UpstreamException(what + ": unreadable token response: " + e.getMessage(), e);
    }
    if (parsed instanceof TokenErrorResponse error) {
      ErrorObject object = error.getErrorObject();
      if (object == null || object.getCode() == null) {
        throw new UpstreamException(what + ": token endpoint answered " + response.getStatusCode());
      }
      return null;
    }
    return ((OIDCTokenResponse) parsed).getOIDCTokens();
  }

  private ClientAuthentication clientAuthentication() {
    List<ClientAuthenticationMethod> supported = metadata().getTokenEndpointAuthMethods();
    // client_secret_basic is the default of RFC 8414; post only when the provider says so.
    if (supported != null
        && !supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        && supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
      return new ClientSecretPost(clientId, clientSecret);
    }
    return new ClientSecretBasic(clientId, clientSecret);
  }

  /** The claims of a valid ID token, merged with userinfo when the provider has it. */
  private Map<String, Object> validateAndMerge(
      JWT idToken, @Nullable Nonce nonce, @Nullable AccessToken accessToken) {
    IDTokenClaimsSet validated;
    try {
      validated = validator().validate(idToken, nonce);
    } catch (BadJOSEException | JOSEException e) {
      throw new UpstreamException("the upstream ID token is not valid: " + e.getMessage(), e);
    }
    Map<String, Object> merged = new LinkedHashMap<>(validated.toJSONObject());
    String subject = validated.getSubject().getValue();
    if (accessToken != null) {
      userInfo(accessToken, subject)
          .ifPresent(
              info ->
                  info.forEach(
                      (name, value) -> {
                        // The ID token's own claims stay authoritative.
                        if (!Set.of("iss", "sub", "aud", "exp", "iat", "nonce").contains(name)) {
                          merged.put(name, value);
                        }
                      }));
    }
    return merged;
  }

  private IDTokenValidator validator() {
    List<JWSAlgorithm> advertised = metadata().getIDTokenJWSAlgs();
    Set<JWSAlgorithm> algorithms =
        advertised == null || advertised.isEmpty() ? DEFAULT_ALGORITHMS : new HashSet<>(advertised);
    algorithms.remove(JWSAlgorithm.parse("none"));
    return new IDTokenValidator(
        metadata().getIssuer(),
        clientId,
        new JWSVerificationKeySelector<>(algorithms, discovered.keys()),
        null);
  }

  /** The userinfo claims, when the provider has a userinfo endpoint. */
  private Optional<Map<String, Object>> userInfo(
      @Nullable AccessToken accessToken, String expectedSubject) {
    URI endpoint = metadata().getUserInfoEndpointURI();
    if (endpoint == null || accessToken == null) {
      return Optional.empty();
    }
    HTTPResponse response =
        discovered
            .http()
            .send(new UserInfoRequest(endpoint, accessToken).toHTTPRequest(), "userinfo request");
    UserInfoResponse parsed;
    try {
      parsed = UserInfoResponse.parse(response);
    } catch (ParseException e) {
      throw new UpstreamException("unreadable userinfo response: " + e.getMessage(), e);
    }
    if (!parsed.indicatesSuccess()) {
      throw new UpstreamException("userinfo request failed: " + response.getStatusCode());
    }
    Map<String, Object> info = parsed.toSuccessResponse().getUserInfo().toJSONObject();
    if (!expectedSubject.equals(info.get(IdTokenClaims.SUBJECT))) {
      throw new UpstreamException("userinfo 'sub' claim did not match the ID token's");
    }
    return Optional.of(info);
  }

  @Override
  public String toString() {
    return "OidcUpstreamProvider[" + ref + "]";
  }
}
