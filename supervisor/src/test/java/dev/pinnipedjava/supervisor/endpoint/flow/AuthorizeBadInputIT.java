package dev.pinnipedjava.supervisor.endpoint.flow;

import static dev.pinnipedjava.supervisor.testing.IssuerHarness.authorizeParameters;
import static dev.pinnipedjava.supervisor.testing.IssuerHarness.with;
import static dev.pinnipedjava.supervisor.testing.IssuerHarness.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests to {@code /oauth2/authorize}, each answered with the exact status and OAuth error:
 * on a page while the client or its redirect URI is unknown (never a redirect to an unregistered
 * URI), else back at the client's redirect URI with its state and the issuer.
 */
class AuthorizeBadInputIT {
  private static IssuerHarness harness;

  @BeforeAll
  static void start() {
    harness =
        IssuerHarness.start(
            FakeUpstreamIdentityProvider.withPasswordGrant("okta"),
            FakeUpstreamIdentityProvider.browserOnly("dex"));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  /** Where the error should be. */
  enum Via {
    PAGE,
    REDIRECT_303,
    REDIRECT_302
  }

  record Case(
      String name,
      String method,
      String query,
      List<String> headers,
      int wantStatus,
      Via via,
      String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Map<String, String> OKTA =
      with(authorizeParameters(), "pinniped_idp_name", "display-okta");

  private static Case get(
      String name, Map<String, String> parameters, int status, Via via, String error) {
    return new Case(name, "GET", IssuerHarness.encode(parameters), List.of(), status, via, error);
  }

  private static Case password(
      String name, Map<String, String> parameters, String username, String password, String error) {
    return new Case(
        name,
        "GET",
        IssuerHarness.encode(parameters),
        List.of("Pinniped-Username", username, "Pinniped-Password", password),
        302,
        Via.REDIRECT_302,
        error);
  }

  static Stream<Case> cases() {
    return Stream.of(
        get(
            "unknown client",
            with(OKTA, "client_id", "someone-else"),
            401,
            Via.PAGE,
            "invalid_client"),
        get("missing client_id", without(OKTA, "client_id"), 401, Via.PAGE, "invalid_client"),
        get(
            "unregistered redirect URI is no open redirect",
            with(OKTA, "redirect_uri", "https://evil.example.com/callback"),
            400,
            Via.PAGE,
            "invalid_request"),
        get(
            "localhost is not a loopback IP literal",
            with(OKTA, "redirect_uri", "http://localhost:12345/callback"),
            400,
            Via.PAGE,
            "invalid_request"),
        get(
            "loopback redirect with another path",
            with(OKTA, "redirect_uri", "http://127.0.0.1:12345/other"),
            400,
            Via.PAGE,
            "invalid_request"),
        get(
            "https loopback redirect is another URI",
            with(OKTA, "redirect_uri", "https://127.0.0.1:12345/callback"),
            400,
            Via.PAGE,
            "invalid_request"),
        get(
            "missing redirect URI",
            without(OKTA, "redirect_uri"),
            400,
            Via.PAGE,
            "invalid_request"),
        get(
            "implicit flow response type",
            with(OKTA, "response_type", "token"),
            303,
            Via.REDIRECT_303,
            "unsupported_response_type"),
        get(
            "missing response type",
            without(OKTA, "response_type"),
            303,
            Via.REDIRECT_303,
            "unsupported_response_type"),
        get(
            "fragment response mode",
            with(OKTA, "response_mode", "fragment"),
            303,
            Via.REDIRECT_303,
            "unsupported_response_mode"),
        get(
            "scope the client may not ask for",
            with(OKTA, "scope", "openid admin"),
            303,
            Via.REDIRECT_303,
            "invalid_scope"),
        get("missing state", without(OKTA, "state"), 303, Via.REDIRECT_303, "invalid_state"),
        get("state too short", with(OKTA, "state", "abc"), 303, Via.REDIRECT_303, "invalid_state"),
        get(
            "missing PKCE challenge",
            without(OKTA, "code_challenge"),
            303,
            Via.REDIRECT_303,
            "invalid_request"),
        get(
            "plain PKCE refused",
            with(OKTA, "code_challenge_method", "plain"),
            303,
            Via.REDIRECT_303,
            "invalid_request"),
        get(
            "missing PKCE method means plain",
            without(OKTA, "code_challenge_method"),
            303,
            Via.REDIRECT_303,
            "invalid_request"),
        get(
            "unknown PKCE method",
            with(OKTA, "code_challenge_method", "S512"),
            303,
            Via.REDIRECT_303,
            "invalid_request"),
        get(
            "malformed PKCE challenge",
            with(OKTA, "code_challenge", "too-short"),
            303,
            Via.REDIRECT_303,
            "invalid_request"),
        get("nonce too short", with(OKTA, "nonce", "n1"), 303, Via.REDIRECT_303, "invalid_request"),
        get(
            "prompt none needs a login",
            with(OKTA, "prompt", "none"),
            303,
            Via.REDIRECT_303,
            "login_required"),
        get(
            "prompt none with others",
            with(OKTA, "prompt", "none login"),
            303,
            Via.REDIRECT_303,
            "invalid_request"),
        get(
            "unknown prompt",
            with(OKTA, "prompt", "sometimes"),
            303,
            Via.REDIRECT_303,
            "invalid_request"),
        new Case(
            "state sent twice",
            "GET",
            IssuerHarness.encode(OKTA) + "&state=another-state-123",
            List.of(),
            303,
            Via.REDIRECT_303,
            "invalid_request"),
        get(
            "unknown identity provider name",
            with(OKTA, "pinniped_idp_name", "nobody"),
            303,
            Via.REDIRECT_303,
            "invalid_request"),
        get(
            "identity provider type mismatch",
            with(OKTA, "pinniped_idp_type", "ldap"),
            303,
            Via.REDIRECT_303,
            "invalid_request"),
        password("blank password", OKTA, "alice", " ", "access_denied"),
        password("wrong password", OKTA, "alice", "wrong", "access_denied"),
        password(
            "password flow to a browser-only provider",
            with(OKTA, "pinniped_idp_name", "display-dex"),
            FakeUpstreamIdentityProvider.USERNAME,
            FakeUpstreamIdentityProvider.PASSWORD,
            "access_denied"),
        password(
            "password flow without a provider name",
            authorizeParameters(),
            FakeUpstreamIdentityProvider.USERNAME,
            FakeUpstreamIdentityProvider.PASSWORD,
            "invalid_request"),
        new Case(
            "PUT is no method of the endpoint",
            "PUT",
            IssuerHarness.encode(OKTA),
            List.of(),
            405,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "POST without a form body",
            "POST",
            IssuerHarness.encode(OKTA),
            List.of("Content-Type", "application/json"),
            401,
            Via.PAGE,
            "invalid_client"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithTheExactError(Case test) {
    HttpResponse<String> response =
        harness.send(
            test.method(),
            "/oauth2/authorize?" + test.query(),
            HttpRequest.BodyPublishers.noBody(),
            test.headers().toArray(String[]::new));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(test.wantStatus());
    assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
    if (test.via() == Via.PAGE) {
      assertThat(response.headers().firstValue("Location")).isEmpty();
      assertThat(response.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/html");
      assertThat(response.body()).contains("<code id=\"error\">" + test.wantError() + "</code>");
    } else {
      String location = response.headers().firstValue("Location").orElseThrow();
      assertThat(location).startsWith(IssuerHarness.CLI_REDIRECT + "?");
      Map<String, String> query = IssuerHarness.query(location);
      assertThat(query).containsEntry("error", test.wantError()).containsKey("error_description");
      assertThat(query).containsEntry("iss", IssuerHarness.ISSUER);
      if (!test.name().contains("state")) {
        assertThat(query).containsEntry("state", "client-state-123456");
      }
    }
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }
}
