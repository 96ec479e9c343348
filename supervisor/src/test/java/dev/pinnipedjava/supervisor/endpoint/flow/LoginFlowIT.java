package dev.pinnipedjava.supervisor.endpoint.flow;

import static dev.pinnipedjava.supervisor.endpoint.flow.Logins.json;
import static dev.pinnipedjava.supervisor.endpoint.flow.Logins.verified;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.supervisor.page.FormPostPage;
import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole logins through one issuer's endpoints over HTTPS, with a fake upstream provider: browser
 * and password flows, the code redeemed, refreshed and exchanged, every JWT verified against the
 * issuer's JWKS.
 */
class LoginFlowIT {
  private FakeUpstreamIdentityProvider okta;
  private FakeUpstreamIdentityProvider dex;
  private IssuerHarness harness;

  @BeforeEach
  void start() {
    okta = FakeUpstreamIdentityProvider.withPasswordGrant("okta");
    dex = FakeUpstreamIdentityProvider.browserOnly("dex");
    harness = IssuerHarness.start(okta, dex);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void browserLoginRedeemRefreshAndExchange() throws ParseException {
    Logins.UpstreamRedirect redirect =
        Logins.authorize(
            harness,
            IssuerHarness.with(
                IssuerHarness.authorizeParameters(), "pinniped_idp_name", "display-okta"));
    assertThat(redirect.cookie()).startsWith("__Host-pinniped-csrf-v2=");
    assertThat(okta.authorizeRequests).hasSize(1);
    assertThat(okta.authorizeRequests.get(0).redirectUri())
        .hasToString(IssuerHarness.ISSUER + "/callback");

    HttpResponse<String> callback =
        Logins.callback(harness, redirect, FakeUpstreamIdentityProvider.GOOD_CODE);
    assertThat(callback.statusCode()).isEqualTo(303);
    String location = callback.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(IssuerHarness.CLI_REDIRECT + "?");
    Map<String, String> query = IssuerHarness.query(location);
    assertThat(query.get("code")).startsWith("pin_ac_");
    assertThat(query)
        .containsEntry("state", "client-state-123456")
        .containsEntry("iss", IssuerHarness.ISSUER)
        .containsEntry("scope", "openid offline_access pinniped:request-audience username groups");
    // The upstream code exchange used the PKCE verifier and nonce sent in the redirect.
    assertThat(okta.callbacks.get(0).nonce()).isEqualTo(okta.authorizeRequests.get(0).nonce());
    assertThat(okta.callbacks.get(0).codeVerifier())
        .isEqualTo(okta.authorizeRequests.get(0).codeVerifier());

    HttpResponse<String> tokens = Logins.redeem(harness, IssuerHarness.required(query, "code"));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JsonNode body = json(tokens);
    assertThat(body.path("token_type").asText()).isEqualTo("bearer");
    assertThat(body.path("expires_in").asLong()).isEqualTo(120);
    assertThat(body.path("access_token").asText()).startsWith("pin_at_");
    assertThat(body.path("refresh_token").asText()).startsWith("pin_rt_");
    JWTClaimsSet idToken = verified(harness, body.path("id_token").asText());
    assertThat(idToken.getIssuer()).isEqualTo(IssuerHarness.ISSUER);
    assertThat(idToken.getAudience()).containsExactly("pinniped-cli");
    assertThat(idToken.getSubject())
        .isEqualTo("https://upstream.example.com?idpName=display-okta&sub=alice-sub");
    assertThat(idToken.getStringClaim("username")).isEqualTo("alice");
    assertThat(idToken.getStringListClaim("groups")).containsExactly("devs");
    assertThat(idToken.getStringClaim("nonce")).isEqualTo("client-nonce-123456");
    assertThat(idToken.getStringClaim("azp")).isEqualTo("pinniped-cli");
    assertThat(idToken.getStringClaim("at_hash")).isNotEmpty();
    assertThat(idToken.getJSONObjectClaim("additionalClaims"))
        .containsEntry("department", "research");
    assertThat(
            Duration.between(
                idToken.getIssueTime().toInstant(), idToken.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(2));

    okta.setGroups(List.of("devs", "admins"));
    HttpResponse<String> refreshed = Logins.refresh(harness, body.path("refresh_token").asText());
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    assertThat(refreshed.headers().allValues("Warning"))
        .containsExactly(
            "299 - \"User \\\"alice\\\" has been added to the following groups: [\\\"admins\\\"]\"");
    JsonNode refreshedBody = json(refreshed);
    assertThat(refreshedBody.path("refresh_token").asText())
        .isNotEqualTo(body.path("refresh_token").asText());
    assertThat(
            verified(harness, refreshedBody.path("id_token").asText()).getStringListClaim("groups"))
        // Sorted, as Pinniped's identity transformation pipeline leaves them, even when empty.
        .containsExactly("admins", "devs");
    assertThat(okta.refreshes).hasSize(1);

    // Rotation: the old refresh token and access token are gone.
    assertThat(
            json(Logins.refresh(harness, body.path("refresh_token").asText()))
                .path("error")
                .asText())
        .isEqualTo("invalid_grant");
    assertThat(
            json(Logins.exchange(harness, body.path("access_token").asText(), "my-cluster"))
                .path("error")
                .asText())
        .isEqualTo("invalid_request");

    HttpResponse<String> exchanged =
        Logins.exchange(harness, refreshedBody.path("access_token").asText(), "my-cluster");
    assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
    JsonNode exchangedBody = json(exchanged);
    assertThat(exchangedBody.path("token_type").asText()).isEqualTo("N_A");
    assertThat(exchangedBody.path("issued_token_type").asText())
        .isEqualTo("urn:ietf:params:oauth:token-type:jwt");
    JWTClaimsSet clusterToken = verified(harness, exchangedBody.path("access_token").asText());
    assertThat(clusterToken.getAudience()).containsExactly("my-cluster");
    assertThat(clusterToken.getStringClaim("azp")).isEqualTo("pinniped-cli");
    assertThat(clusterToken.getStringClaim("username")).isEqualTo("alice");

    assertThat(harness.auditLines)
        .anySatisfy(line -> assertThat(line).contains("\"message\":\"Session Started\""))
        .anySatisfy(line -> assertThat(line).contains("\"message\":\"ID Token Issued\""))
        .anySatisfy(line -> assertThat(line).contains("\"message\":\"Session Refreshed\""));
    // Credentials never reach the audit log.
    for (String secret :
        List.of(
            query.get("code"),
            body.path("access_token").asText(),
            body.path("refresh_token").asText(),
            redirect.state(),
            IssuerHarness.VERIFIER.getValue(),
            "client-nonce-123456")) {
      assertThat(harness.auditLines).noneSatisfy(line -> assertThat(line).contains(secret));
    }
  }

  @Test
  void reusingACodeRevokesTheTokensItGot() {
    String code = Logins.browserLoginCode(harness);
    JsonNode first = json(Logins.redeem(harness, code));
    assertThat(first.path("refresh_token").asText()).startsWith("pin_rt_");

    HttpResponse<String> second = Logins.redeem(harness, code);

    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(json(second).path("error").asText()).isEqualTo("invalid_grant");
    assertThat(
            json(Logins.refresh(harness, first.path("refresh_token").asText()))
                .path("error")
                .asText())
        .isEqualTo("invalid_grant");
    assertThat(
            json(Logins.exchange(harness, first.path("access_token").asText(), "my-cluster"))
                .path("error")
                .asText())
        .isEqualTo("invalid_request");
  }

  @Test
  void passwordFlowAnswersWithACodeIn302() {
    HttpResponse<String> response =
        harness.get(
            "/oauth2/authorize?"
                + IssuerHarness.encode(
                    IssuerHarness.with(
                        IssuerHarness.authorizeParameters(), "pinniped_idp_name", "display-okta")),
            "Pinniped-Username",
            FakeUpstreamIdentityProvider.USERNAME,
            "Pinniped-Password",
            FakeUpstreamIdentityProvider.PASSWORD);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    Map<String, String> query =
        IssuerHarness.query(response.headers().firstValue("Location").orElseThrow());
    assertThat(query.get("code")).startsWith("pin_ac_");
    assertThat(okta.passwordLogins).containsExactly("alice");
    HttpResponse<String> tokens = Logins.redeem(harness, IssuerHarness.required(query, "code"));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    assertThat(harness.auditLines).noneSatisfy(line -> assertThat(line).contains("alice-password"));
  }

  @Test
  void withoutAProviderNameABrowserIsSentToTheChooser() {
    HttpResponse<String> response =
        harness.get(
            "/oauth2/authorize?" + IssuerHarness.encode(IssuerHarness.authorizeParameters()));

    assertThat(response.statusCode()).isEqualTo(303);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(IssuerHarness.ISSUER + "/choose_identity_provider?");

    HttpResponse<String> chooser = harness.get(location.substring(IssuerHarness.ISSUER.length()));
    assertThat(chooser.statusCode()).isEqualTo(200);
    assertThat(chooser.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("default-src 'none'; style-src 'sha256-");
    assertThat(chooser.body())
        .containsSubsequence("display-dex", "display-okta")
        .contains("pinniped_idp_name=display-okta")
        .contains("/fd/oauth2/authorize?client_id=pinniped-cli");
  }

  @Test
  void formPostDeliversTheCodeWithAPageAllowedByItsPolicy() {
    Logins.UpstreamRedirect redirect =
        Logins.authorize(
            harness,
            IssuerHarness.with(
                IssuerHarness.authorizeParameters(),
                "pinniped_idp_name",
                "display-dex",
                "response_mode",
                "form_post"));

    HttpResponse<String> page =
        Logins.callback(harness, redirect, FakeUpstreamIdentityProvider.GOOD_CODE);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .isEqualTo(FormPostPage.CONTENT_SECURITY_POLICY)
        .contains("script-src 'sha256-")
        .contains("connect-src *");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(page.body())
        .contains("name=\"redirect_uri\" value=\"" + IssuerHarness.CLI_REDIRECT + "\"")
        .contains("name=\"encoded_params\" value=\"code=pin_ac_");
  }

  @Test
  void aSecondLoginReusesTheCsrfCookie() {
    Logins.UpstreamRedirect first =
        Logins.authorize(
            harness,
            IssuerHarness.with(
                IssuerHarness.authorizeParameters(), "pinniped_idp_name", "display-okta"));

    HttpResponse<String> second =
        harness.get(
            "/oauth2/authorize?"
                + IssuerHarness.encode(
                    IssuerHarness.with(
                        IssuerHarness.authorizeParameters(), "pinniped_idp_name", "display-okta")),
            "Cookie",
            first.cookie());

    assertThat(second.statusCode()).isEqualTo(303);
    assertThat(second.headers().firstValue("Set-Cookie")).isEmpty();
  }
}
