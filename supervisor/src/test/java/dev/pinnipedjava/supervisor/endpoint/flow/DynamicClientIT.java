package dev.pinnipedjava.supervisor.endpoint.flow;

import static dev.pinnipedjava.supervisor.testing.IssuerHarness.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.api.supervisor.oidc.GrantTypes;
import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import dev.pinnipedjava.supervisor.clientsecret.Bcrypt;
import dev.pinnipedjava.supervisor.oauth.ClientRegistry;
import dev.pinnipedjava.supervisor.oauth.OAuthClient;
import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dynamic (OIDCClient) clients at the authorize and token endpoints over HTTPS: a web application
 * logs in through the browser flow and redeems its code with its secret (HTTP Basic); every refusal
 * is the exact OAuth error.
 */
class DynamicClientIT {
  private static final String WEBAPP = "client.oauth.pinniped.dev-webapp";
  private static final String WEBAPP_SECRET = "0123456789abcdef0123456789abcdef";
  private static final String WEBAPP_OLD_SECRET = "fedcba9876543210fedcba9876543210";
  private static final String WEBAPP_REDIRECT = "https://webapp.example.com/callback";
  private static final String PRIVILEGED = "client.oauth.pinniped.dev-privileged";
  private static final String PRIVILEGED_SECRET = "privileged-secret-privileged-secret";
  private static final Duration WEBAPP_ID_TOKEN_LIFETIME = Duration.ofMinutes(10);

  private static IssuerHarness harness;

  @BeforeAll
  static void start() {
    Bcrypt bcrypt = new Bcrypt(new SecureRandom());
    // A web application without the username, groups and request-audience scopes.
    OAuthClient webapp =
        new OAuthClient(
            WEBAPP,
            List.of(URI.create(WEBAPP_REDIRECT)),
            Set.of(OidcScopes.OPENID, OidcScopes.OFFLINE_ACCESS),
            Set.of(GrantTypes.AUTHORIZATION_CODE, GrantTypes.REFRESH_TOKEN),
            false,
            false,
            List.of(
                bcrypt.hash(WEBAPP_SECRET, Bcrypt.MIN_COST),
                bcrypt.hash(WEBAPP_OLD_SECRET, Bcrypt.MIN_COST)),
            WEBAPP_ID_TOKEN_LIFETIME);
    OAuthClient privileged =
        new OAuthClient(
            PRIVILEGED,
            List.of(URI.create("http://127.0.0.1/callback")),
            Set.of(
                OidcScopes.OPENID,
                OidcScopes.USERNAME,
                OidcScopes.GROUPS,
                OidcScopes.REQUEST_AUDIENCE),
            Set.of(GrantTypes.AUTHORIZATION_CODE, GrantTypes.TOKEN_EXCHANGE),
            false,
            false,
            List.of(bcrypt.hash(PRIVILEGED_SECRET, Bcrypt.MIN_COST)),
            Duration.ofMinutes(2));
    Map<String, OAuthClient> clients = Map.of(WEBAPP, webapp, PRIVILEGED, privileged);
    ClientRegistry registry =
        clientId ->
            ClientRegistry.PINNIPED_CLI.id().equals(clientId)
                ? Optional.of(ClientRegistry.PINNIPED_CLI)
                : Optional.ofNullable(clients.get(clientId));
    harness = IssuerHarness.start(registry, FakeUpstreamIdentityProvider.withPasswordGrant("okta"));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  static Map<String, String> webappAuthorize() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("client_id", WEBAPP);
    parameters.put("redirect_uri", WEBAPP_REDIRECT);
    parameters.put("response_type", "code");
    parameters.put("scope", "openid offline_access");
    parameters.put("state", "webapp-state-123456");
    parameters.put("nonce", "webapp-nonce-123456");
    parameters.put("code_challenge", IssuerHarness.CHALLENGE);
    parameters.put("code_challenge_method", "S256");
    parameters.put("pinniped_idp_name", "display-okta");
    return parameters;
  }

  /** A browser login of the web application, up to its authorization code. */
  private static String webappCode() {
    Logins.UpstreamRedirect redirect = Logins.authorize(harness, webappAuthorize());
    HttpResponse<String> callback =
        Logins.callback(harness, redirect, FakeUpstreamIdentityProvider.GOOD_CODE);
    assertThat(callback.statusCode()).as(callback.body()).isEqualTo(303);
    String location = callback.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(WEBAPP_REDIRECT + "?");
    Map<String, String> query = IssuerHarness.query(location);
    assertThat(query).containsEntry("state", "webapp-state-123456");
    return IssuerHarness.required(query, "code");
  }

  private static Map<String, String> redeemForm(String code) {
    return Map.of(
        "grant_type",
        "authorization_code",
        "code",
        code,
        "redirect_uri",
        WEBAPP_REDIRECT,
        "code_verifier",
        IssuerHarness.VERIFIER.getValue());
  }

  static String basic(String clientId, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void webApplicationLogsInAndRedeemsItsCodeWithItsSecret() throws ParseException {
    HttpResponse<String> tokens =
        harness.postForm(
            "/oauth2/token",
            redeemForm(webappCode()),
            "Authorization",
            basic(WEBAPP, WEBAPP_SECRET));

    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JsonNode body = Logins.json(tokens);
    assertThat(body.path("scope").asText()).isEqualTo("openid offline_access");
    JWTClaimsSet claims = Logins.verified(harness, body.path("id_token").asText());
    assertThat(claims.getAudience()).containsExactly(WEBAPP);
    assertThat(claims.getStringClaim("azp")).isEqualTo(WEBAPP);
    assertThat(claims.getStringClaim("nonce")).isEqualTo("webapp-nonce-123456");
    // Not granted the username and groups scopes: never their claims.
    assertThat(claims.getClaims()).doesNotContainKeys("username", "groups");
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(WEBAPP_ID_TOKEN_LIFETIME);
    assertThat(harness.auditLines)
        .anySatisfy(line -> assertThat(line).contains("HTTP Request Basic Auth").contains(WEBAPP));

    // An older secret still works, and the refresh grant keeps the client's ID token lifetime.
    HttpResponse<String> refreshed =
        harness.postForm(
            "/oauth2/token",
            Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                body.path("refresh_token").asText()),
            "Authorization",
            basic(WEBAPP, WEBAPP_OLD_SECRET));
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    JWTClaimsSet refreshedClaims =
        Logins.verified(harness, Logins.json(refreshed).path("id_token").asText());
    assertThat(
            Duration.between(
                refreshedClaims.getIssueTime().toInstant(),
                refreshedClaims.getExpirationTime().toInstant()))
        .isEqualTo(WEBAPP_ID_TOKEN_LIFETIME);
  }

  /** A refused token request: form, Authorization header, expected status and error. */
  record TokenCase(
      String name,
      Map<String, String> form,
      List<String> headers,
      int wantStatus,
      String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<TokenCase> tokenCases() {
    return Stream.of(
        new TokenCase(
            "wrong secret",
            Map.of(),
            List.of("Authorization", basic(WEBAPP, "not-the-secret")),
            401,
            "invalid_client"),
        new TokenCase(
            "another client's secret",
            Map.of(),
            List.of("Authorization", basic(WEBAPP, PRIVILEGED_SECRET)),
            401,
            "invalid_client"),
        new TokenCase(
            "missing client authentication",
            Map.of("client_id", WEBAPP),
            List.of(),
            401,
            "invalid_client"),
        new TokenCase(
            "secret in the form (client_secret_post)",
            Map.of("client_id", WEBAPP, "client_secret", WEBAPP_SECRET),
            List.of(),
            401,
            "invalid_client"),
        new TokenCase(
            "unknown client",
            Map.of(),
            List.of("Authorization", basic("client.oauth.pinniped.dev-nobody", WEBAPP_SECRET)),
            401,
            "invalid_client"),
        new TokenCase(
            "not Basic",
            Map.of(),
            List.of("Authorization", "Bearer " + WEBAPP_SECRET),
            401,
            "invalid_client"),
        new TokenCase(
            "pinniped-cli with a secret",
            Map.of(),
            List.of("Authorization", basic("pinniped-cli", WEBAPP_SECRET)),
            401,
            "invalid_client"),
        new TokenCase(
            "form client_id differs from the authenticated one",
            Map.of("client_id", PRIVILEGED),
            List.of("Authorization", basic(WEBAPP, WEBAPP_SECRET)),
            400,
            "invalid_request"),
        new TokenCase(
            "grant the client may not use",
            Map.of(
                "grant_type", GrantTypes.TOKEN_EXCHANGE,
                "subject_token", "pin_at_anything",
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "requested_token_type", "urn:ietf:params:oauth:token-type:jwt",
                "audience", "some-cluster"),
            List.of("Authorization", basic(WEBAPP, WEBAPP_SECRET)),
            400,
            "unauthorized_client"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokenCases")
  void tokenEndpointRefuses(TokenCase test) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", "pin_ac_not-a-real-code.signature");
    form.put("redirect_uri", WEBAPP_REDIRECT);
    form.put("code_verifier", IssuerHarness.VERIFIER.getValue());
    form.putAll(test.form());

    HttpResponse<String> response =
        harness.postForm("/oauth2/token", form, test.headers().toArray(String[]::new));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(test.wantStatus());
    assertThat(Logins.json(response).path("error").asText()).isEqualTo(test.wantError());
    if (test.wantStatus() == 401) {
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValue("Basic realm=\"" + IssuerHarness.ISSUER + "\"");
    }
    assertThat(response.body()).doesNotContain(WEBAPP_SECRET);
  }

  @Test
  void aCodeRedeemedWithTheWrongSecretStaysUnused() {
    String code = webappCode();
    HttpResponse<String> refused =
        harness.postForm(
            "/oauth2/token", redeemForm(code), "Authorization", basic(WEBAPP, "wrong"));
    assertThat(refused.statusCode()).isEqualTo(401);

    HttpResponse<String> redeemed =
        harness.postForm(
            "/oauth2/token", redeemForm(code), "Authorization", basic(WEBAPP, WEBAPP_SECRET));
    assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(200);
  }

  /** Where an authorize error goes: to the client's redirect URI, or a page when it is unknown. */
  enum Via {
    REDIRECT,
    PAGE
  }

  record AuthorizeCase(
      String name,
      Map<String, String> parameters,
      List<String> headers,
      int wantStatus,
      Via via,
      String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<AuthorizeCase> authorizeCases() {
    Map<String, String> base = webappAuthorize();
    return Stream.of(
        new AuthorizeCase(
            "scope the client may not request",
            with(base, "scope", "openid username"),
            List.of(),
            303,
            Via.REDIRECT,
            "invalid_scope"),
        new AuthorizeCase(
            "request-audience without the scope",
            with(base, "scope", "openid pinniped:request-audience"),
            List.of(),
            303,
            Via.REDIRECT,
            "invalid_scope"),
        new AuthorizeCase(
            "form_post is only for pinniped-cli",
            with(base, "response_mode", "form_post"),
            List.of(),
            303,
            Via.REDIRECT,
            "unsupported_response_mode"),
        new AuthorizeCase(
            "unregistered redirect URI",
            with(base, "redirect_uri", "https://webapp.example.com/other"),
            List.of(),
            400,
            Via.PAGE,
            "invalid_request"),
        new AuthorizeCase(
            "pinniped-cli's redirect URI",
            with(base, "redirect_uri", IssuerHarness.CLI_REDIRECT),
            List.of(),
            400,
            Via.PAGE,
            "invalid_request"),
        new AuthorizeCase(
            "another port of a registered https redirect URI",
            with(base, "redirect_uri", "https://webapp.example.com:8443/callback"),
            List.of(),
            400,
            Via.PAGE,
            "invalid_request"),
        new AuthorizeCase(
            "password headers",
            base,
            List.of("Pinniped-Username", "alice", "Pinniped-Password", "alice-password"),
            302,
            Via.REDIRECT,
            "access_denied"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("authorizeCases")
  void authorizeEndpointRefuses(AuthorizeCase test) {
    HttpResponse<String> response =
        harness.send(
            "GET",
            "/oauth2/authorize?" + IssuerHarness.encode(test.parameters()),
            HttpRequest.BodyPublishers.noBody(),
            test.headers().toArray(String[]::new));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(test.wantStatus());
    if (test.via() == Via.PAGE) {
      assertThat(response.headers().firstValue("Location")).isEmpty();
      assertThat(response.body()).contains("<code id=\"error\">" + test.wantError() + "</code>");
    } else {
      String location = response.headers().firstValue("Location").orElseThrow();
      assertThat(location).startsWith(WEBAPP_REDIRECT + "?");
      assertThat(IssuerHarness.query(location)).containsEntry("error", test.wantError());
    }
  }

  @Test
  void privilegedClientGetsUsernameAndGroupsAndMayExchangeTokens() throws ParseException {
    Map<String, String> parameters = new LinkedHashMap<>(webappAuthorize());
    parameters.put("client_id", PRIVILEGED);
    parameters.put("redirect_uri", "http://127.0.0.1:4242/callback");
    parameters.put("scope", "openid username groups pinniped:request-audience");
    Logins.UpstreamRedirect redirect = Logins.authorize(harness, parameters);
    HttpResponse<String> callback =
        Logins.callback(harness, redirect, FakeUpstreamIdentityProvider.GOOD_CODE);
    assertThat(callback.statusCode()).as(callback.body()).isEqualTo(303);
    String code =
        IssuerHarness.required(
            IssuerHarness.query(callback.headers().firstValue("Location").orElseThrow()), "code");

    Map<String, String> form = new LinkedHashMap<>(redeemForm(code));
    form.put("redirect_uri", "http://127.0.0.1:4242/callback");
    HttpResponse<String> tokens =
        harness.postForm(
            "/oauth2/token", form, "Authorization", basic(PRIVILEGED, PRIVILEGED_SECRET));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JsonNode body = Logins.json(tokens);
    JWTClaimsSet claims = Logins.verified(harness, body.path("id_token").asText());
    assertThat(claims.getStringClaim("username")).isEqualTo(FakeUpstreamIdentityProvider.USERNAME);
    assertThat(claims.getClaims()).containsKey("groups");
    assertThat(body.has("refresh_token")).isFalse();

    HttpResponse<String> exchanged =
        harness.postForm(
            "/oauth2/token",
            Map.of(
                "grant_type", GrantTypes.TOKEN_EXCHANGE,
                "subject_token", body.path("access_token").asText(),
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "requested_token_type", "urn:ietf:params:oauth:token-type:jwt",
                "audience", "cluster-1"),
            "Authorization",
            basic(PRIVILEGED, PRIVILEGED_SECRET));
    assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
    JWTClaimsSet exchangedClaims =
        Logins.verified(harness, Logins.json(exchanged).path("access_token").asText());
    assertThat(exchangedClaims.getAudience()).containsExactly("cluster-1");
    assertThat(exchangedClaims.getStringClaim("azp")).isEqualTo(PRIVILEGED);
  }
}
