package dev.pinnipedjava.supervisor.endpoint.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit events of each step of a login, as JSON lines correlated by the {@code Audit-Id} of the
 * response: which events, in which order, with Pinniped's field names; personal information
 * redacted unless enabled; no credential in any line.
 */
class AuditEventsIT {
  private static final String OKTA = "display-okta";

  /**
   * @param step drives the flow up to the request under test and returns its response
   * @param wantMessages the events of that request, in order
   * @param wantFields for some events, fields and their expected JSON
   */
  record Case(
      String name,
      Function<IssuerHarness, HttpResponse<String>> step,
      List<String> wantMessages,
      Map<String, Map<String, String>> wantFields) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String USING_OKTA =
      "{\"displayName\":\"display-okta\",\"resourceName\":\"okta\",\"resourceUID\":\"okta-uid\","
          + "\"type\":\"oidc\"}";

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "browser authorize",
            harness -> harness.get("/oauth2/authorize?" + IssuerHarness.encode(browserParams())),
            List.of(
                "HTTP Request Received",
                "HTTP Request Parameters",
                "Using Upstream IDP",
                "Upstream Authorize Redirect",
                "HTTP Request Completed"),
            Map.of(
                "Using Upstream IDP", Map.of("", USING_OKTA),
                "HTTP Request Completed",
                    Map.of(
                        "responseStatus",
                        "303",
                        "location",
                        "\"https://upstream.example.com/authorize?client_id=redacted"
                            + "&state=redacted&nonce=redacted\""),
                "HTTP Request Parameters",
                    Map.of(
                        "params",
                        "{\"client_id\":\"pinniped-cli\",\"code_challenge\":\"redacted\","
                            + "\"code_challenge_method\":\"S256\",\"nonce\":\"redacted\","
                            + "\"pinniped_idp_name\":\"display-okta\",\"redirect_uri\":\""
                            + IssuerHarness.CLI_REDIRECT
                            + "\",\"response_type\":\"code\",\"scope\":\"openid offline_access"
                            + " pinniped:request-audience username groups\",\"state\":\"redacted\"}"))),
        new Case(
            "callback",
            harness ->
                Logins.callback(
                    harness,
                    Logins.authorize(harness, browserParams()),
                    FakeUpstreamIdentityProvider.GOOD_CODE),
            List.of(
                "HTTP Request Received",
                "HTTP Request Parameters",
                "AuthorizeID From Parameters",
                "Using Upstream IDP",
                "Identity From Upstream IDP",
                "Session Started",
                "HTTP Request Completed"),
            Map.of(
                "HTTP Request Parameters",
                    Map.of("params", "{\"code\":\"redacted\",\"state\":\"redacted\"}"),
                "Using Upstream IDP", Map.of("", USING_OKTA),
                "Identity From Upstream IDP",
                    Map.of(
                        "upstreamIDPDisplayName", "\"display-okta\"",
                        "upstreamIDPType", "\"oidc\"",
                        "upstreamIDPResourceName", "\"okta\"",
                        "upstreamIDPResourceUID", "\"okta-uid\"",
                        "personalInfo",
                            "{\"upstreamUsername\":\"redacted\","
                                + "\"upstreamGroups\":[\"redacted 1 values\"]}"),
                "Session Started",
                    Map.of(
                        "warnings",
                        "[]",
                        "personalInfo",
                        "{\"username\":\"redacted\",\"groups\":[\"redacted 1 values\"],"
                            + "\"subject\":\"redacted\",\"additionalClaims\":\"redacted 1 keys\"}"),
                "HTTP Request Completed",
                    Map.of(
                        "responseStatus",
                        "303",
                        "location",
                        "\""
                            + IssuerHarness.CLI_REDIRECT
                            + "?code=redacted&scope=redacted&state=redacted&iss=redacted\""))),
        new Case(
            "password authorize",
            harness -> passwordAuthorize(harness, FakeUpstreamIdentityProvider.PASSWORD),
            List.of(
                "HTTP Request Received",
                "HTTP Request Parameters",
                "HTTP Request Custom Headers Used",
                "Using Upstream IDP",
                "Identity From Upstream IDP",
                "Session Started",
                "HTTP Request Completed"),
            Map.of(
                "HTTP Request Custom Headers Used",
                    Map.of("Pinniped-Username", "true", "Pinniped-Password", "true"),
                "HTTP Request Completed", Map.of("responseStatus", "302"))),
        new Case(
            "password authorize with a wrong password",
            harness -> passwordAuthorize(harness, "wrong-password"),
            List.of(
                "HTTP Request Received",
                "HTTP Request Parameters",
                "HTTP Request Custom Headers Used",
                "Using Upstream IDP",
                "Incorrect Username Or Password",
                "HTTP Request Completed"),
            Map.of()),
        new Case(
            "code redeemed",
            harness -> Logins.redeem(harness, Logins.browserLoginCode(harness)),
            List.of(
                "HTTP Request Received",
                "HTTP Request Parameters",
                "Session Found",
                "ID Token Issued",
                "HTTP Request Completed"),
            Map.of(
                "HTTP Request Parameters",
                    Map.of(
                        "params",
                        "{\"client_id\":\"pinniped-cli\",\"code\":\"redacted\","
                            + "\"code_verifier\":\"redacted\",\"grant_type\":\"authorization_code\","
                            + "\"redirect_uri\":\""
                            + IssuerHarness.CLI_REDIRECT
                            + "\"}"),
                "HTTP Request Completed",
                    Map.of("responseStatus", "200", "location", "\"no location header\""))),
        new Case(
            "code redeemed with the client in HTTP Basic credentials",
            harness -> redeemWithBasicAuth(harness, Logins.browserLoginCode(harness)),
            List.of(
                "HTTP Request Received",
                "HTTP Request Parameters",
                "HTTP Request Basic Auth",
                "Session Found",
                "ID Token Issued",
                "HTTP Request Completed"),
            Map.of(
                "HTTP Request Basic Auth", Map.of("clientID", "\"pinniped-cli\""),
                "HTTP Request Completed", Map.of("responseStatus", "200"))),
        new Case(
            "refresh",
            harness -> Logins.refresh(harness, tokens(harness).path("refresh_token").asText()),
            List.of(
                "HTTP Request Received",
                "HTTP Request Parameters",
                "Session Found",
                "Identity Refreshed From Upstream IDP",
                "ID Token Issued",
                "Session Refreshed",
                "HTTP Request Completed"),
            Map.of(
                "Identity Refreshed From Upstream IDP",
                    Map.of(
                        "upstreamIDPDisplayName", "\"display-okta\"",
                        "upstreamIDPType", "\"oidc\"",
                        "upstreamIDPResourceName", "\"okta\"",
                        "upstreamIDPResourceUID", "\"okta-uid\""),
                "HTTP Request Completed", Map.of("responseStatus", "200"))),
        new Case(
            "token exchange",
            harness ->
                Logins.exchange(
                    harness, tokens(harness).path("access_token").asText(), "workload-cluster"),
            List.of(
                "HTTP Request Received",
                "HTTP Request Parameters",
                "Session Found",
                "ID Token Issued",
                "HTTP Request Completed"),
            Map.of(
                "HTTP Request Parameters",
                Map.of(
                    "params",
                    "{\"audience\":\"workload-cluster\",\"client_id\":\"pinniped-cli\","
                        + "\"grant_type\":\"urn:ietf:params:oauth:grant-type:token-exchange\","
                        + "\"requested_token_type\":\"urn:ietf:params:oauth:token-type:jwt\","
                        + "\"subject_token\":\"redacted\","
                        + "\"subject_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"}"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachStepAuditsPinnipedsEvents(Case c) {
    try (IssuerHarness harness =
        IssuerHarness.start(FakeUpstreamIdentityProvider.withPasswordGrant("okta"))) {
      HttpResponse<String> response = c.step().apply(harness);
      String auditId = response.headers().firstValue("Audit-Id").orElseThrow();

      List<JsonNode> events = awaitCompleted(harness, auditId);

      assertThat(events)
          .extracting(event -> event.path("message").asText())
          .containsExactlyElementsOf(c.wantMessages());
      for (JsonNode event : events) {
        assertThat(event.path("auditEvent").asBoolean()).isTrue();
        assertThat(event.path("level").asText()).isEqualTo("info");
        assertThat(event.path("timestamp").asText()).isNotEmpty();
        Map<String, String> want =
            c.wantFields().getOrDefault(event.path("message").asText(), Map.of());
        want.forEach(
            (field, json) -> {
              if (field.isEmpty()) {
                assertThat(withoutCommonFields(event)).as(event.toString()).isEqualTo(json);
              } else {
                assertThat(event.path(field).toString()).as(event.toString()).isEqualTo(json);
              }
            });
      }
      assertNoCredentials(harness);
    }
  }

  @Test
  void theAuthorizeIdAndSessionIdCorrelateTheStepsOfALogin() {
    try (IssuerHarness harness =
        IssuerHarness.start(FakeUpstreamIdentityProvider.withPasswordGrant("okta"))) {
      HttpResponse<String> authorize =
          harness.get("/oauth2/authorize?" + IssuerHarness.encode(browserParams()));
      String state =
          IssuerHarness.required(
              IssuerHarness.query(authorize.headers().firstValue("Location").orElseThrow()),
              "state");
      String cookie = authorize.headers().firstValue("Set-Cookie").orElseThrow();
      HttpResponse<String> callback =
          Logins.callback(
              harness,
              new Logins.UpstreamRedirect(state, cookie.substring(0, cookie.indexOf(';'))),
              FakeUpstreamIdentityProvider.GOOD_CODE);
      String code =
          IssuerHarness.required(
              IssuerHarness.query(callback.headers().firstValue("Location").orElseThrow()), "code");
      HttpResponse<String> redeem = Logins.redeem(harness, code);

      String authorizeId =
          event(awaitCompleted(harness, auditId(authorize)), "Upstream Authorize Redirect")
              .path("authorizeID")
              .asText();
      List<JsonNode> callbackEvents = awaitCompleted(harness, auditId(callback));
      String sessionId = event(callbackEvents, "Session Started").path("sessionID").asText();
      List<JsonNode> redeemEvents = awaitCompleted(harness, auditId(redeem));

      assertThat(authorizeId).matches("[0-9a-f]{64}");
      assertThat(event(callbackEvents, "AuthorizeID From Parameters").path("authorizeID").asText())
          .isEqualTo(authorizeId);
      assertThat(sessionId).isNotEmpty();
      assertThat(event(redeemEvents, "Session Found").path("sessionID").asText())
          .isEqualTo(sessionId);
      JsonNode issued = event(redeemEvents, "ID Token Issued");
      assertThat(issued.path("sessionID").asText()).isEqualTo(sessionId);
      assertThat(issued.path("tokenID").asText())
          .isEqualTo(
              dev.pinnipedjava.supervisor.token.IdTokens.tokenId(
                  Logins.json(redeem).path("id_token").asText()));
    }
  }

  @Test
  void usernamesAndGroupsAreShownWhenEnabled() {
    try (IssuerHarness harness =
        IssuerHarness.startLoggingPersonalInfo(
            FakeUpstreamIdentityProvider.withPasswordGrant("okta"))) {
      HttpResponse<String> response =
          passwordAuthorize(harness, FakeUpstreamIdentityProvider.PASSWORD);
      List<JsonNode> events = awaitCompleted(harness, auditId(response));

      assertThat(event(events, "Identity From Upstream IDP").path("personalInfo").toString())
          .isEqualTo("{\"upstreamUsername\":\"alice\",\"upstreamGroups\":[\"devs\"]}");
      JsonNode personal = event(events, "Session Started").path("personalInfo");
      assertThat(personal.path("username").asText()).isEqualTo("alice");
      assertThat(personal.path("groups").toString()).isEqualTo("[\"devs\"]");
      assertThat(personal.path("subject").asText())
          .isEqualTo(FakeUpstreamIdentityProvider.ISSUER + "?idpName=display-okta&sub=alice-sub");
      assertThat(personal.path("additionalClaims").toString())
          .isEqualTo("{\"department\":\"research\"}");
      assertNoCredentials(harness);
    }
  }

  @Test
  void usernamesAndGroupsAreRedactedByDefault() {
    try (IssuerHarness harness =
        IssuerHarness.start(FakeUpstreamIdentityProvider.withPasswordGrant("okta"))) {
      HttpResponse<String> tokens = Logins.redeem(harness, Logins.browserLoginCode(harness));
      Logins.refresh(harness, Logins.json(tokens).path("refresh_token").asText());
      awaitCompleted(harness, auditId(tokens));

      assertThat(harness.auditLines)
          .isNotEmpty()
          .noneSatisfy(line -> assertThat(line).contains("\"alice\""))
          .noneSatisfy(line -> assertThat(line).contains("\"devs\""))
          .noneSatisfy(line -> assertThat(line).contains("research"));
    }
  }

  private static Map<String, String> browserParams() {
    return IssuerHarness.with(IssuerHarness.authorizeParameters(), "pinniped_idp_name", OKTA);
  }

  private static HttpResponse<String> passwordAuthorize(IssuerHarness harness, String password) {
    return harness.get(
        "/oauth2/authorize?" + IssuerHarness.encode(browserParams()),
        "Pinniped-Username",
        FakeUpstreamIdentityProvider.USERNAME,
        "Pinniped-Password",
        password);
  }

  private static HttpResponse<String> redeemWithBasicAuth(IssuerHarness harness, String code) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", IssuerHarness.CLI_REDIRECT);
    form.put("code_verifier", IssuerHarness.VERIFIER.getValue());
    return harness.postForm(
        "/oauth2/token",
        form,
        "Authorization",
        "Basic "
            + Base64.getEncoder().encodeToString("pinniped-cli:".getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode tokens(IssuerHarness harness) {
    HttpResponse<String> response = Logins.redeem(harness, Logins.browserLoginCode(harness));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Logins.json(response);
  }

  private static String auditId(HttpResponse<String> response) {
    return response.headers().firstValue("Audit-Id").orElseThrow();
  }

  /** The events of a request, once "HTTP Request Completed" (written after the response) is in. */
  private static List<JsonNode> awaitCompleted(IssuerHarness harness, String auditId) {
    return org.awaitility.Awaitility.await("the completion event of " + auditId)
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () -> harness.auditEventsOf(auditId),
            events ->
                events.stream()
                    .anyMatch(e -> e.path("message").asText().equals("HTTP Request Completed")));
  }

  private static JsonNode event(List<JsonNode> events, String message) {
    return events.stream()
        .filter(event -> event.path("message").asText().equals(message))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no \"" + message + "\" event in " + events));
  }

  private static String withoutCommonFields(JsonNode event) {
    com.fasterxml.jackson.databind.node.ObjectNode copy =
        (com.fasterxml.jackson.databind.node.ObjectNode) event.deepCopy();
    copy.remove(List.of("level", "timestamp", "message", "auditEvent", "auditID"));
    return copy.toString();
  }

  private static void assertNoCredentials(IssuerHarness harness) {
    assertThat(harness.auditLines)
        .noneSatisfy(line -> assertThat(line).contains("pin_ac_"))
        .noneSatisfy(line -> assertThat(line).contains("pin_at_"))
        .noneSatisfy(line -> assertThat(line).contains("pin_rt_"))
        .noneSatisfy(line -> assertThat(line).contains(FakeUpstreamIdentityProvider.PASSWORD))
        .noneSatisfy(line -> assertThat(line).contains("upstream-refresh-token"))
        .noneSatisfy(line -> assertThat(line).contains(IssuerHarness.VERIFIER.getValue()))
        .noneSatisfy(line -> assertThat(line).contains(FakeUpstreamIdentityProvider.GOOD_CODE));
  }
}
