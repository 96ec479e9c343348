package dev.pinnipedjava.supervisor.endpoint.flow;

import static dev.pinnipedjava.supervisor.testing.IssuerHarness.authorizeParameters;
import static dev.pinnipedjava.supervisor.testing.IssuerHarness.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.supervisor.keys.FederationDomainKeys;
import dev.pinnipedjava.supervisor.oauth.state.UpstreamState;
import dev.pinnipedjava.supervisor.oauth.state.UpstreamStateCodec;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * Bad requests to {@code /callback}, each after a real authorize step, answered with the exact
 * status and OAuth error: a page until the state is proven (Pinniped's statuses), then back at the
 * client.
 */
class CallbackBadInputIT {
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

  enum Via {
    PAGE,
    REDIRECT
  }

  /**
   * @param request sends the callback request, given the harness and a fresh authorize step
   */
  record Case(
      String name,
      BiFunction<CallbackBadInputIT, Logins.UpstreamRedirect, HttpResponse<String>> request,
      int wantStatus,
      Via via,
      String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  private HttpResponse<String> callback(Map<String, String> query, String... headers) {
    return harness.get("/callback?" + IssuerHarness.encode(query), headers);
  }

  private String stateOfVersion(String version) {
    FederationDomainKeys keys =
        harness.keys.forFederationDomain(harness.issuer.federationDomain()).orElseThrow();
    return new UpstreamStateCodec(harness.clock)
        .encode(
            new UpstreamState(
                IssuerHarness.encode(authorizeParameters()),
                "display-okta",
                "oidc",
                "nonce-nonce",
                "csrf",
                IssuerHarness.VERIFIER.getValue(),
                version),
            new UpstreamStateCodec.Keys(
                Objects.requireNonNull(keys.stateSigningKey()),
                Objects.requireNonNull(keys.stateEncryptionKey())));
  }

  private static String tamper(String value) {
    int middle = value.length() / 2;
    char replaced = value.charAt(middle) == 'A' ? 'B' : 'A';
    return value.substring(0, middle) + replaced + value.substring(middle + 1);
  }

  static Stream<Case> cases() {
    String good = FakeUpstreamIdentityProvider.GOOD_CODE;
    return Stream.of(
        new Case(
            "missing state",
            (t, r) -> t.callback(Map.of("code", good), "Cookie", r.cookie()),
            400,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "missing CSRF cookie",
            (t, r) -> t.callback(Map.of("code", good, "state", r.state())),
            403,
            Via.PAGE,
            "access_denied"),
        new Case(
            "tampered CSRF cookie",
            (t, r) ->
                t.callback(Map.of("code", good, "state", r.state()), "Cookie", tamper(r.cookie())),
            403,
            Via.PAGE,
            "access_denied"),
        new Case(
            "tampered state",
            (t, r) ->
                t.callback(Map.of("code", good, "state", tamper(r.state())), "Cookie", r.cookie()),
            400,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "state that is no state",
            (t, r) ->
                t.callback(
                    Map.of("code", good, "state", "client-made-this-up"), "Cookie", r.cookie()),
            400,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "state of another format version",
            (t, r) ->
                t.callback(
                    Map.of("code", good, "state", t.stateOfVersion("1")), "Cookie", r.cookie()),
            422,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "CSRF cookie of another browser",
            (t, r) -> {
              Logins.UpstreamRedirect other =
                  Logins.authorize(
                      t.harness, with(authorizeParameters(), "pinniped_idp_name", "display-okta"));
              return t.callback(Map.of("code", good, "state", r.state()), "Cookie", other.cookie());
            },
            403,
            Via.PAGE,
            "access_denied"),
        new Case(
            "state older than 90 minutes",
            (t, r) -> {
              t.harness.clock.advance(Duration.ofMinutes(91));
              return t.callback(Map.of("code", good, "state", r.state()), "Cookie", r.cookie());
            },
            400,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "provider gone since the authorize step",
            (t, r) -> {
              t.harness.registry.setProviders(IdentityProviderKind.OIDC, List.of());
              return t.callback(Map.of("code", good, "state", r.state()), "Cookie", r.cookie());
            },
            422,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "DELETE is no method of the endpoint",
            (t, r) ->
                t.harness.send("DELETE", "/callback?state=x", HttpRequest.BodyPublishers.noBody()),
            405,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "POST that is not a form",
            (t, r) ->
                t.harness.send(
                    "POST",
                    "/callback",
                    HttpRequest.BodyPublishers.ofString("{}"),
                    "Content-Type",
                    "application/json"),
            415,
            Via.PAGE,
            "invalid_request"),
        new Case(
            "upstream sent an error instead of a code",
            (t, r) ->
                t.callback(
                    Map.of("error", "access_denied", "state", r.state()), "Cookie", r.cookie()),
            303,
            Via.REDIRECT,
            "access_denied"),
        new Case(
            "upstream refuses the code",
            (t, r) ->
                t.callback(Map.of("code", "stolen-code", "state", r.state()), "Cookie", r.cookie()),
            303,
            Via.REDIRECT,
            "access_denied"),
        new Case(
            "upstream unreachable",
            (t, r) ->
                t.callback(
                    Map.of("code", "upstream-broken", "state", r.state()), "Cookie", r.cookie()),
            303,
            Via.REDIRECT,
            "server_error"),
        new Case(
            "upstream username reserved by Kubernetes",
            (t, r) -> {
              t.okta.setUsername("system:admin");
              return t.callback(Map.of("code", good, "state", r.state()), "Cookie", r.cookie());
            },
            303,
            Via.REDIRECT,
            "access_denied"),
        new Case(
            "upstream group reserved by Kubernetes",
            (t, r) -> {
              t.okta.setGroups(List.of("devs", "system:masters"));
              return t.callback(Map.of("code", good, "state", r.state()), "Cookie", r.cookie());
            },
            303,
            Via.REDIRECT,
            "access_denied"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithTheExactError(Case test) {
    Logins.UpstreamRedirect redirect =
        Logins.authorize(harness, with(authorizeParameters(), "pinniped_idp_name", "display-okta"));

    HttpResponse<String> response = test.request().apply(this, redirect);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(test.wantStatus());
    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    if (test.via() == Via.PAGE) {
      assertThat(response.headers().firstValue("Location")).isEmpty();
      assertThat(response.body()).contains("<code id=\"error\">" + test.wantError() + "</code>");
    } else {
      Map<String, String> query =
          IssuerHarness.query(response.headers().firstValue("Location").orElseThrow());
      assertThat(query)
          .containsEntry("error", test.wantError())
          .containsEntry("state", "client-state-123456")
          .containsEntry("iss", IssuerHarness.ISSUER)
          .doesNotContainKey("code");
    }
  }
}
