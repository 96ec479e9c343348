package dev.pinnipedjava.supervisor.endpoint.flow;

import static dev.pinnipedjava.supervisor.testing.IssuerHarness.authorizeParameters;
import static dev.pinnipedjava.supervisor.testing.IssuerHarness.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.supervisor.page.LoginFormPage;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /login} over HTTPS, after a real authorize step to a provider that takes passwords in the
 * browser: the form, a login to the client's code, and every bad request answered with the exact
 * status: an error page until the state is proven, the form again with an alert for bad
 * credentials, the client's redirect for a refusal.
 */
class LoginFormIT {
  private static final String WRONG_PASSWORD = "not-alices-password-42";

  private FakeUpstreamIdentityProvider ldap;
  private FakeUpstreamIdentityProvider okta;
  private IssuerHarness harness;

  @BeforeEach
  void start() {
    ldap = FakeUpstreamIdentityProvider.withLoginForm("ldap");
    okta = FakeUpstreamIdentityProvider.withPasswordGrant("okta");
    harness = IssuerHarness.start(ldap, okta);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** What the authorize step gave the browser: the state in the form's address, the cookie. */
  record FormRedirect(String state, String cookie) {}

  private FormRedirect authorize(Map<String, String> parameters) {
    HttpResponse<String> response =
        harness.get("/oauth2/authorize?" + IssuerHarness.encode(parameters));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(IssuerHarness.ISSUER + "/login?state=");
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return new FormRedirect(
        IssuerHarness.required(IssuerHarness.query(location), "state"),
        setCookie.substring(0, setCookie.indexOf(';')));
  }

  private FormRedirect authorizeWithLdap() {
    return authorize(with(authorizeParameters(), "pinniped_idp_name", "display-ldap"));
  }

  private HttpResponse<String> getForm(String state, String... headers) {
    return harness.get("/login?" + IssuerHarness.encode(Map.of("state", state)), headers);
  }

  private HttpResponse<String> post(
      String state, String username, String password, String... headers) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", username);
    form.put("password", password);
    form.put("state", state);
    return harness.postForm("/login", form, headers);
  }

  private HttpResponse<String> postAs(FormRedirect redirect, String username, String password) {
    return post(redirect.state(), username, password, "Cookie", redirect.cookie());
  }

  @Test
  void showsTheFormForTheProvider() {
    FormRedirect redirect = authorizeWithLdap();

    HttpResponse<String> form = getForm(redirect.state(), "Cookie", redirect.cookie());

    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(form.headers().firstValue("Content-Security-Policy"))
        .contains(LoginFormPage.CONTENT_SECURITY_POLICY);
    assertThat(form.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(form.headers().allValues("Cache-Control")).contains("no-store");
    assertThat(form.body())
        .contains("<h1>Log in to display-ldap</h1>")
        .contains("name=\"username\" id=\"username\" autocomplete=\"username\"")
        .contains("name=\"password\" id=\"password\" autocomplete=\"current-password\"")
        .contains("<input type=\"hidden\" name=\"state\" id=\"state\" value=\"")
        .contains("action=\"" + IssuerHarness.ISSUER + "/login\" method=\"post\"")
        .doesNotContain("role=\"alert\"");
    // The state in the form is the one the authorize step issued, posted back unchanged.
    assertThat(form.body()).contains("value=\"" + redirect.state() + "\"");
  }

  @Test
  void rightPasswordLogsInToTheClientsCode() throws ParseException {
    FormRedirect redirect = authorizeWithLdap();

    HttpResponse<String> response =
        postAs(
            redirect, FakeUpstreamIdentityProvider.USERNAME, FakeUpstreamIdentityProvider.PASSWORD);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(IssuerHarness.CLI_REDIRECT + "?");
    Map<String, String> query = IssuerHarness.query(location);
    assertThat(query)
        .containsEntry("state", "client-state-123456")
        .containsEntry("iss", IssuerHarness.ISSUER);
    assertThat(ldap.passwordLogins).containsExactly(FakeUpstreamIdentityProvider.USERNAME);
    HttpResponse<String> tokens = Logins.redeem(harness, IssuerHarness.required(query, "code"));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JWTClaimsSet idToken = Logins.verified(harness, Logins.json(tokens).path("id_token").asText());
    assertThat(idToken.getStringClaim("username")).isEqualTo(FakeUpstreamIdentityProvider.USERNAME);
    assertThat(idToken.getStringListClaim("groups")).containsExactly("devs");
  }

  @Test
  void formPostResponseModeAnswersWithThePage() {
    FormRedirect redirect =
        authorize(
            with(
                authorizeParameters(),
                "pinniped_idp_name",
                "display-ldap",
                "response_mode",
                "form_post"));

    HttpResponse<String> response =
        postAs(
            redirect, FakeUpstreamIdentityProvider.USERNAME, FakeUpstreamIdentityProvider.PASSWORD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.body())
        .contains("name=\"redirect_uri\" value=\"" + IssuerHarness.CLI_REDIRECT + "\"")
        .contains("code=pin_ac_");
  }

  @Test
  void wrongPasswordShowsTheFormAgainWithoutThePassword() {
    FormRedirect redirect = authorizeWithLdap();

    HttpResponse<String> response =
        postAs(redirect, FakeUpstreamIdentityProvider.USERNAME, WRONG_PASSWORD);

    assertThat(response.statusCode()).isEqualTo(303);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(IssuerHarness.query(location))
        .containsEntry("state", redirect.state())
        .containsEntry("err", "incorrect_username_or_password");
    assertThat(location).doesNotContain(WRONG_PASSWORD);
    HttpResponse<String> again =
        harness.get(location.substring(IssuerHarness.ISSUER.length()), "Cookie", redirect.cookie());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body())
        .contains(
            "<span class=\"alert\" role=\"alert\" id=\"alert\">Incorrect username or password.</span>")
        .doesNotContain(WRONG_PASSWORD);
    assertThat(harness.auditLines)
        .anyMatch(line -> line.contains("Incorrect Username Or Password"))
        .noneMatch(line -> line.contains(WRONG_PASSWORD));
    // The same state still logs in: a typo does not restart the login.
    assertThat(
            postAs(
                    redirect,
                    FakeUpstreamIdentityProvider.USERNAME,
                    FakeUpstreamIdentityProvider.PASSWORD)
                .headers()
                .firstValue("Location")
                .orElseThrow())
        .startsWith(IssuerHarness.CLI_REDIRECT + "?code=");
  }

  enum Via {
    /** An error page: the state is not proven. */
    PAGE,
    /** The form again, with an alert. */
    FORM,
    /** The client's redirect URI, with an OAuth error. */
    CLIENT
  }

  /**
   * @param request sends the request, given the test and a fresh authorize step to the form
   * @param want the OAuth error (PAGE, CLIENT) or the {@code err} parameter (FORM)
   */
  record Case(
      String name,
      BiFunction<LoginFormIT, FormRedirect, HttpResponse<String>> request,
      int wantStatus,
      Via via,
      String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static String tamper(String value) {
    int middle = value.length() / 2;
    char replaced = value.charAt(middle) == 'A' ? 'B' : 'A';
    return value.substring(0, middle) + replaced + value.substring(middle + 1);
  }

  static Stream<Case> cases() {
    String user = FakeUpstreamIdentityProvider.USERNAME;
    String password = FakeUpstreamIdentityProvider.PASSWORD;
    return Stream.of(
        new Case(
            "GET without state",
            (t, r) -> t.harness.get("/login", "Cookie", r.cookie()),
            400,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "POST without state",
            (t, r) ->
                t.harness.postForm(
                    "/login", Map.of("username", user, "password", password), "Cookie", r.cookie()),
            400,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "GET with tampered state",
            (t, r) -> t.getForm(tamper(r.state()), "Cookie", r.cookie()),
            400,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "POST with tampered state",
            (t, r) -> t.post(tamper(r.state()), user, password, "Cookie", r.cookie()),
            400,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "GET without CSRF cookie",
            (t, r) -> t.getForm(r.state()),
            403,
            Via.PAGE,
            "access_denied"),
        new Case(
            "POST without CSRF cookie",
            (t, r) -> t.post(r.state(), user, password),
            403,
            Via.PAGE,
            "access_denied"),
        new Case(
            "POST with the CSRF cookie of another browser",
            (t, r) -> {
              FormRedirect other = t.authorizeWithLdap();
              return t.post(r.state(), user, password, "Cookie", other.cookie());
            },
            403,
            Via.PAGE,
            "access_denied"),
        new Case(
            "POST with state older than 90 minutes",
            (t, r) -> {
              t.harness.clock.advance(Duration.ofMinutes(91));
              return t.postAs(r, user, password);
            },
            400,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "provider gone since the authorize step",
            (t, r) -> {
              t.harness.registry.setProviders(IdentityProviderKind.LDAP, List.of());
              return t.postAs(r, user, password);
            },
            422,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "GET with the state of a provider that does not use the form",
            (t, r) -> {
              Logins.UpstreamRedirect oidc =
                  Logins.authorize(
                      t.harness, with(authorizeParameters(), "pinniped_idp_name", "display-okta"));
              return t.getForm(oidc.state(), "Cookie", oidc.cookie());
            },
            400,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "POST with the state of a provider that does not use the form",
            (t, r) -> {
              Logins.UpstreamRedirect oidc =
                  Logins.authorize(
                      t.harness, with(authorizeParameters(), "pinniped_idp_name", "display-okta"));
              return t.post(oidc.state(), user, password, "Cookie", oidc.cookie());
            },
            400,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "DELETE is no method of the endpoint",
            (t, r) -> t.harness.send("DELETE", "/login", HttpRequest.BodyPublishers.noBody()),
            405,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "POST that is not a form",
            (t, r) ->
                t.harness.send(
                    "POST",
                    "/login",
                    HttpRequest.BodyPublishers.ofString("{\"state\":\"" + r.state() + "\"}"),
                    "Content-Type",
                    "application/json",
                    "Cookie",
                    r.cookie()),
            415,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "empty username",
            (t, r) -> t.postAs(r, "", password),
            303,
            Via.FORM,
            "incorrect_username_or_password"),
        new Case(
            "empty password",
            (t, r) -> t.postAs(r, user, ""),
            303,
            Via.FORM,
            "incorrect_username_or_password"),
        new Case(
            "wrong password",
            (t, r) -> t.postAs(r, user, WRONG_PASSWORD),
            303,
            Via.FORM,
            "incorrect_username_or_password"),
        new Case(
            "unknown user",
            (t, r) -> t.postAs(r, "mallory", password),
            303,
            Via.FORM,
            "incorrect_username_or_password"),
        new Case(
            "provider unreachable",
            (t, r) -> t.postAs(r, FakeUpstreamIdentityProvider.BROKEN, password),
            303,
            Via.FORM,
            "internal_error"),
        new Case(
            "username reserved by Kubernetes",
            (t, r) -> {
              t.ldap.setUsername("system:admin");
              return t.postAs(r, user, password);
            },
            303,
            Via.CLIENT,
            "access_denied"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithTheExactResponse(Case test) {
    FormRedirect redirect = authorizeWithLdap();

    HttpResponse<String> response = test.request().apply(this, redirect);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(test.wantStatus());
    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(response.body()).doesNotContain(FakeUpstreamIdentityProvider.PASSWORD);
    switch (test.via()) {
      case PAGE -> {
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("<code id=\"error\">" + test.want() + "</code>");
      }
      case FORM -> {
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(IssuerHarness.ISSUER + "/login?");
        assertThat(IssuerHarness.query(location))
            .containsEntry("state", redirect.state())
            .containsEntry("err", test.want());
      }
      case CLIENT -> {
        Map<String, String> query =
            IssuerHarness.query(response.headers().firstValue("Location").orElseThrow());
        assertThat(query)
            .containsEntry("error", test.want())
            .containsEntry("state", "client-state-123456")
            .containsEntry("iss", IssuerHarness.ISSUER)
            .doesNotContainKey("code");
      }
    }
  }
}
