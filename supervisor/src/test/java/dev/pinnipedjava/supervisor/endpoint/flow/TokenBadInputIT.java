package dev.pinnipedjava.supervisor.endpoint.flow;

import static dev.pinnipedjava.supervisor.endpoint.flow.Logins.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.session.DownstreamSession;
import dev.pinnipedjava.supervisor.session.OidcUpstreamSession;
import dev.pinnipedjava.supervisor.storage.AuthorizedRequest;
import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.supervisor.token.OpaqueToken;
import dev.pinnipedjava.supervisor.token.OpaqueTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests to {@code /oauth2/token}, each after a real login, answered with the exact status
 * and RFC 6749 section 5.2 error JSON: malformed requests, bad clients and grant types, and every
 * check of the three grants (code and PKCE, refresh with upstream revalidation, token exchange).
 */
class TokenBadInputIT {
  private FakeUpstreamIdentityProvider okta;
  private IssuerHarness harness;

  @BeforeEach
  void start() {
    okta = FakeUpstreamIdentityProvider.withPasswordGrant("okta");
    harness = IssuerHarness.start(okta);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** A fresh login: an unused code, and the tokens of another code of the same user. */
  record Login(String code, String accessToken, String refreshToken) {}

  record Case(
      String name,
      BiFunction<TokenBadInputIT, Login, HttpResponse<String>> request,
      int wantStatus,
      String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  private Login login() {
    JsonNode tokens = json(Logins.redeem(harness, Logins.browserLoginCode(harness)));
    return new Login(
        Logins.browserLoginCode(harness),
        tokens.path("access_token").asText(),
        tokens.path("refresh_token").asText());
  }

  private HttpResponse<String> token(Map<String, String> form, String... headers) {
    return harness.postForm("/oauth2/token", form, headers);
  }

  private static Map<String, String> redeemForm(Login login) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", login.code());
    form.put("client_id", "pinniped-cli");
    form.put("redirect_uri", IssuerHarness.CLI_REDIRECT);
    form.put("code_verifier", IssuerHarness.VERIFIER.getValue());
    return form;
  }

  private static Map<String, String> refreshForm(Login login) {
    return Map.of(
        "grant_type", "refresh_token",
        "refresh_token", login.refreshToken(),
        "client_id", "pinniped-cli");
  }

  private static Map<String, String> exchangeForm(Login login) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
    form.put("subject_token", login.accessToken());
    form.put("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
    form.put("requested_token_type", "urn:ietf:params:oauth:token-type:jwt");
    form.put("audience", "my-cluster");
    form.put("client_id", "pinniped-cli");
    return form;
  }

  /** A code whose stored request has no PKCE challenge (as no current request can have). */
  private String codeWithoutChallenge() {
    OpaqueToken code =
        new OpaqueTokens(new SecureRandom())
            .mint(
                OpaqueTokens.Kind.AUTHORIZATION_CODE,
                Objects.requireNonNull(
                    harness
                        .keys
                        .forFederationDomain(harness.issuer.federationDomain())
                        .orElseThrow()
                        .tokenSigningKey()));
    harness.storage.createAuthorizationCode(
        code.signature(),
        new AuthorizedRequest(
            "request-without-pkce",
            "pinniped-cli",
            IssuerHarness.CLI_REDIRECT,
            List.of("openid"),
            harness.clock.instant(),
            null,
            null,
            null,
            new DownstreamSession(
                "sub",
                "alice",
                List.of(),
                Map.of(),
                "display-okta",
                "okta",
                "okta-uid",
                "oidc",
                harness.clock.instant(),
                new OidcUpstreamSession("rt", null, "sub", FakeUpstreamIdentityProvider.ISSUER),
                List.of())));
    return code.value();
  }

  private static Map<String, String> with(Map<String, String> form, String... changes) {
    return IssuerHarness.with(form, changes);
  }

  private static Map<String, String> without(Map<String, String> form, String name) {
    return IssuerHarness.without(form, name);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "GET is not allowed",
            (t, l) -> t.harness.get("/oauth2/token?" + IssuerHarness.encode(redeemForm(l))),
            400,
            "invalid_request"),
        new Case(
            "JSON body",
            (t, l) ->
                t.harness.send(
                    "POST",
                    "/oauth2/token",
                    HttpRequest.BodyPublishers.ofString("{}"),
                    "Content-Type",
                    "application/json"),
            400,
            "invalid_request"),
        new Case(
            "parameter sent twice",
            (t, l) ->
                t.harness.send(
                    "POST",
                    "/oauth2/token",
                    HttpRequest.BodyPublishers.ofString(
                        IssuerHarness.encode(redeemForm(l)) + "&code=again"),
                    "Content-Type",
                    "application/x-www-form-urlencoded"),
            400,
            "invalid_request"),
        new Case(
            "unknown client",
            (t, l) -> t.token(with(redeemForm(l), "client_id", "someone-else")),
            401,
            "invalid_client"),
        new Case(
            "missing client",
            (t, l) -> t.token(without(redeemForm(l), "client_id")),
            401,
            "invalid_client"),
        new Case(
            "client secret for a public client",
            (t, l) -> t.token(redeemForm(l), "Authorization", "Basic cGlubmlwZWQtY2xpOnNlY3JldA=="),
            401,
            "invalid_client"),
        new Case(
            "missing grant type",
            (t, l) -> t.token(without(redeemForm(l), "grant_type")),
            400,
            "invalid_request"),
        new Case(
            "password grant is not supported",
            (t, l) ->
                t.token(
                    Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "pinniped-cli",
                        "username",
                        "alice",
                        "password",
                        "x")),
            400,
            "unsupported_grant_type"),
        new Case(
            "client credentials grant is not supported",
            (t, l) ->
                t.token(Map.of("grant_type", "client_credentials", "client_id", "pinniped-cli")),
            400,
            "unsupported_grant_type"),
        new Case(
            "code that is no code",
            (t, l) -> t.token(with(redeemForm(l), "code", "pin_ac_made.up")),
            400,
            "invalid_grant"),
        new Case(
            "code of another issuer's key",
            (t, l) ->
                t.token(
                    with(
                        redeemForm(l),
                        "code",
                        new OpaqueTokens(new SecureRandom())
                            .mint(
                                OpaqueTokens.Kind.AUTHORIZATION_CODE,
                                new dev.pinnipedjava.supervisor.keys.SymmetricKey(new byte[32]))
                            .value())),
            400,
            "invalid_grant"),
        new Case(
            "access token sent as a code",
            (t, l) -> t.token(with(redeemForm(l), "code", l.accessToken())),
            400,
            "invalid_grant"),
        new Case(
            "missing code",
            (t, l) -> t.token(without(redeemForm(l), "code")),
            400,
            "invalid_request"),
        new Case(
            "missing PKCE verifier",
            (t, l) -> t.token(without(redeemForm(l), "code_verifier")),
            400,
            "invalid_grant"),
        new Case(
            "wrong PKCE verifier",
            (t, l) ->
                t.token(
                    with(
                        redeemForm(l),
                        "code_verifier",
                        "another-verifier-another-verifier-another-verifier")),
            400,
            "invalid_grant"),
        new Case(
            "PKCE verifier too short",
            (t, l) -> t.token(with(redeemForm(l), "code_verifier", "short")),
            400,
            "invalid_grant"),
        new Case(
            "PKCE verifier for a request without challenge",
            (t, l) -> t.token(with(redeemForm(l), "code", t.codeWithoutChallenge())),
            400,
            "invalid_grant"),
        new Case(
            "wrong redirect URI",
            (t, l) ->
                t.token(with(redeemForm(l), "redirect_uri", "http://127.0.0.1:9999/callback")),
            400,
            "invalid_grant"),
        new Case(
            "missing redirect URI",
            (t, l) -> t.token(without(redeemForm(l), "redirect_uri")),
            400,
            "invalid_grant"),
        new Case(
            "expired code",
            (t, l) -> {
              t.harness.clock.advance(Duration.ofMinutes(11));
              return t.token(redeemForm(l));
            },
            400,
            "invalid_grant"),
        new Case(
            "reused code",
            (t, l) -> {
              assertThat(t.token(redeemForm(l)).statusCode()).isEqualTo(200);
              return t.token(redeemForm(l));
            },
            400,
            "invalid_grant"),
        new Case(
            "refresh token that is no token",
            (t, l) -> t.token(with(refreshForm(l), "refresh_token", "pin_rt_made.up")),
            400,
            "invalid_grant"),
        new Case(
            "missing refresh token",
            (t, l) -> t.token(without(refreshForm(l), "refresh_token")),
            400,
            "invalid_request"),
        new Case(
            "refresh widening the scopes",
            (t, l) -> t.token(with(refreshForm(l), "scope", "openid profile")),
            400,
            "invalid_scope"),
        new Case(
            "refresh after nine hours",
            (t, l) -> {
              t.harness.clock.advance(Duration.ofHours(9).plusMinutes(1));
              return t.token(refreshForm(l));
            },
            400,
            "invalid_grant"),
        new Case(
            "refresh revoked upstream",
            (t, l) -> {
              t.okta.setRefreshBehaviour(FakeUpstreamIdentityProvider.RefreshBehaviour.REJECT);
              return t.token(refreshForm(l));
            },
            401,
            "error"),
        new Case(
            "refresh while upstream is down",
            (t, l) -> {
              t.okta.setRefreshBehaviour(FakeUpstreamIdentityProvider.RefreshBehaviour.FAIL);
              return t.token(refreshForm(l));
            },
            401,
            "error"),
        new Case(
            "refresh after the upstream username changed",
            (t, l) -> {
              t.okta.setUsername("mallory");
              return t.token(refreshForm(l));
            },
            401,
            "error"),
        new Case(
            "refresh after a reserved group appeared",
            (t, l) -> {
              t.okta.setGroups(List.of("system:masters"));
              return t.token(refreshForm(l));
            },
            401,
            "error"),
        new Case(
            "refresh after the provider was deleted",
            (t, l) -> {
              t.harness.registry.setProviders(IdentityProviderKind.OIDC, List.of());
              return t.token(refreshForm(l));
            },
            401,
            "error"),
        new Case(
            "refresh after the provider was replaced (new UID)",
            (t, l) -> {
              t.harness.registry.setProviders(
                  IdentityProviderKind.OIDC,
                  List.of(new FakeUpstreamIdentityProvider("okta", "another-uid", t.okta.flows())));
              return t.token(refreshForm(l));
            },
            401,
            "error"),
        new Case(
            "exchange for a Pinniped audience",
            (t, l) -> t.token(with(exchangeForm(l), "audience", "client.oauth.pinniped.dev-x")),
            400,
            "invalid_request"),
        new Case(
            "exchange for the CLI's audience",
            (t, l) -> t.token(with(exchangeForm(l), "audience", "pinniped-cli")),
            400,
            "invalid_request"),
        new Case(
            "exchange without audience",
            (t, l) -> t.token(without(exchangeForm(l), "audience")),
            400,
            "invalid_request"),
        new Case(
            "exchange of an ID token type",
            (t, l) ->
                t.token(
                    with(
                        exchangeForm(l),
                        "subject_token_type",
                        "urn:ietf:params:oauth:token-type:id_token")),
            400,
            "invalid_request"),
        new Case(
            "exchange for an access token type",
            (t, l) ->
                t.token(
                    with(
                        exchangeForm(l),
                        "requested_token_type",
                        "urn:ietf:params:oauth:token-type:access_token")),
            400,
            "invalid_request"),
        new Case(
            "exchange with a scope",
            (t, l) -> t.token(with(exchangeForm(l), "scope", "openid")),
            400,
            "invalid_request"),
        new Case(
            "exchange with a resource",
            (t, l) -> t.token(with(exchangeForm(l), "resource", "https://cluster.example.com")),
            400,
            "invalid_request"),
        new Case(
            "exchange of a refresh token",
            (t, l) -> t.token(with(exchangeForm(l), "subject_token", l.refreshToken())),
            400,
            "invalid_request"),
        new Case(
            "exchange of an expired access token",
            (t, l) -> {
              t.harness.clock.advance(Duration.ofMinutes(3));
              return t.token(exchangeForm(l));
            },
            400,
            "invalid_request"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithTheExactError(Case test) {
    Login login = login();

    HttpResponse<String> response = test.request().apply(this, login);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(test.wantStatus());
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
    JsonNode body = json(response);
    assertThat(body.path("error").asText()).isEqualTo(test.wantError());
    assertThat(body.path("error_description").asText()).isNotEmpty();
    assertThat(body.has("access_token")).isFalse();
  }

  @ParameterizedTest(name = "exchange refused when the login lacks {0}")
  @MethodSource("missingScopes")
  void exchangeNeedsTheScopesOfTheLogin(String scopes) {
    Logins.UpstreamRedirect redirect =
        Logins.authorize(
            harness,
            IssuerHarness.with(
                IssuerHarness.authorizeParameters(),
                "pinniped_idp_name",
                "display-okta",
                "scope",
                scopes));
    HttpResponse<String> callback =
        Logins.callback(harness, redirect, FakeUpstreamIdentityProvider.GOOD_CODE);
    String code =
        IssuerHarness.required(
            IssuerHarness.query(callback.headers().firstValue("Location").orElseThrow()), "code");
    String accessToken = json(Logins.redeem(harness, code)).path("access_token").asText();

    HttpResponse<String> response = Logins.exchange(harness, accessToken, "my-cluster");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).path("error").asText()).isEqualTo("access_denied");
  }

  static Stream<String> missingScopes() {
    return Stream.of("openid offline_access", "offline_access pinniped:request-audience");
  }
}
