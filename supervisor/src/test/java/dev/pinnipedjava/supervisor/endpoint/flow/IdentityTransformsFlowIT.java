package dev.pinnipedjava.supervisor.endpoint.flow;

import static dev.pinnipedjava.supervisor.endpoint.flow.Logins.json;
import static dev.pinnipedjava.supervisor.endpoint.flow.Logins.verified;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsConstant;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExpression;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.TransformsConstantType;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.TransformsExpressionType;
import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.supervisor.transform.CelTransformCompiler;
import dev.pinnipedjava.supervisor.transform.IdentityTransforms;
import dev.pinnipedjava.supervisor.transform.TransformConstants;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A FederationDomain's identity transformations at login and at every refresh, through one issuer's
 * endpoints over HTTPS with a fake upstream provider: the tokens carry the transformed identity,
 * and a policy that refuses fails the login or the refresh with its message.
 */
class IdentityTransformsFlowIT {
  private static final String REFUSAL = "members of banned may not log in";
  private static final String LOGIN_REFUSED =
      "The resource owner or authorization server denied the request. Reason: configured"
          + " identity policy rejected this authentication: "
          + REFUSAL
          + ".";

  private FakeUpstreamIdentityProvider okta;
  private IssuerHarness harness;

  private static FederationDomainTransformsExpression expression(
      TransformsExpressionType type, String expression) {
    return new FederationDomainTransformsExpression(type, expression, null);
  }

  /**
   * Refuses members of {@code banned}, prefixes the groups, names admins differently (so that
   * joining {@code admins} changes the transformed username), and fails at run time for members of
   * {@code broken} (a constant that does not exist).
   */
  private static IdentityTransforms transforms() {
    CelTransformCompiler.Compilation compilation =
        new CelTransformCompiler(CelTransformCompiler.DEFAULT_MAX_RUNTIME, Clock.systemUTC())
            .compile(
                List.of(
                    new FederationDomainTransformsExpression(
                        TransformsExpressionType.POLICY_V1, "!(\"banned\" in groups)", REFUSAL),
                    expression(
                        TransformsExpressionType.USERNAME_V1,
                        "(\"admins\" in groups ? \"admin-\" : \"\")"
                            + " + (\"broken\" in groups ? strConst.missing : strConst.prefix)"
                            + " + username.lowerAscii()"),
                    expression(
                        TransformsExpressionType.GROUPS_V1, "groups.map(g, strConst.prefix + g)")),
                TransformConstants.of(
                    List.of(
                        new FederationDomainTransformsConstant(
                            "prefix", TransformsConstantType.STRING, "corp:", null))));
    return ((CelTransformCompiler.Compilation.Compiled) compilation).transforms();
  }

  @BeforeEach
  void start() {
    okta = FakeUpstreamIdentityProvider.withPasswordGrant("okta");
    harness = IssuerHarness.startWithTransforms(transforms(), okta);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private JsonNode loginAndRedeem() {
    HttpResponse<String> tokens = Logins.redeem(harness, Logins.browserLoginCode(harness));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    return json(tokens);
  }

  @Test
  void theTokensCarryTheTransformedIdentityAtLoginAndAtRefresh() throws ParseException {
    okta.setGroups(List.of("ops", "devs"));

    JsonNode tokens = loginAndRedeem();

    JWTClaimsSet idToken = verified(harness, tokens.path("id_token").asText());
    assertThat(idToken.getStringClaim("username")).isEqualTo("corp:alice");
    assertThat(idToken.getStringListClaim("groups")).containsExactly("corp:devs", "corp:ops");

    // The upstream username changes case and a group goes: the transformed username is the same.
    okta.setUsername("ALICE");
    okta.setGroups(List.of("devs"));
    HttpResponse<String> refreshed = Logins.refresh(harness, tokens.path("refresh_token").asText());

    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    JWTClaimsSet refreshedToken = verified(harness, json(refreshed).path("id_token").asText());
    assertThat(refreshedToken.getStringClaim("username")).isEqualTo("corp:alice");
    assertThat(refreshedToken.getStringListClaim("groups")).containsExactly("corp:devs");
    assertThat(refreshed.headers().allValues("Warning"))
        .containsExactly(
            "299 - \"User \\\"corp:alice\\\" has been removed from the following groups:"
                + " [\\\"corp:ops\\\"]\"");
  }

  @Test
  void aPolicyRefusesABrowserLoginWithItsMessage() {
    okta.setGroups(List.of("devs", "banned"));
    Logins.UpstreamRedirect redirect =
        Logins.authorize(
            harness,
            IssuerHarness.with(
                IssuerHarness.authorizeParameters(), "pinniped_idp_name", "display-okta"));

    HttpResponse<String> callback =
        Logins.callback(harness, redirect, FakeUpstreamIdentityProvider.GOOD_CODE);

    assertThat(callback.statusCode()).isEqualTo(303);
    Map<String, String> query =
        IssuerHarness.query(callback.headers().firstValue("Location").orElseThrow());
    assertThat(query)
        .containsEntry("error", "access_denied")
        .containsEntry("error_description", LOGIN_REFUSED)
        .containsEntry("state", "client-state-123456")
        .doesNotContainKey("code");
    assertThat(harness.auditLines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"message\":\"Authentication Rejected By Transforms\"")
                    .contains(REFUSAL))
        .noneSatisfy(line -> assertThat(line).contains("\"message\":\"Session Started\""));
  }

  @Test
  void aPolicyRefusesAPasswordLoginWithItsMessage() {
    okta.setGroups(List.of("banned"));

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
    assertThat(query)
        .containsEntry("error", "access_denied")
        .containsEntry("error_description", LOGIN_REFUSED)
        .doesNotContainKey("code");
  }

  @Test
  void aPolicyRefusesARefreshWithItsMessage() {
    JsonNode tokens = loginAndRedeem();
    okta.setGroups(List.of("devs", "banned"));

    HttpResponse<String> refreshed = Logins.refresh(harness, tokens.path("refresh_token").asText());

    assertThat(refreshed.statusCode()).isEqualTo(401);
    assertThat(json(refreshed).path("error").asText()).isEqualTo("error");
    assertThat(json(refreshed).path("error_description").asText())
        .isEqualTo(
            "Error during upstream refresh. Upstream refresh rejected by configured identity"
                + " policy: "
                + REFUSAL
                + ".");
  }

  @Test
  void aRefreshWhoseTransformedUsernameChangedFails() {
    JsonNode tokens = loginAndRedeem();
    // The upstream username is unchanged, but joining admins changes the transformed one.
    okta.setGroups(List.of("devs", "admins"));

    HttpResponse<String> refreshed = Logins.refresh(harness, tokens.path("refresh_token").asText());

    assertThat(refreshed.statusCode()).isEqualTo(401);
    assertThat(json(refreshed).path("error_description").asText())
        .isEqualTo("Error during upstream refresh.");
  }

  @Test
  void aTransformationFailingAtRunTimeFailsTheLoginWithoutDetails() {
    okta.setGroups(List.of("broken"));
    Logins.UpstreamRedirect redirect =
        Logins.authorize(
            harness,
            IssuerHarness.with(
                IssuerHarness.authorizeParameters(), "pinniped_idp_name", "display-okta"));

    HttpResponse<String> callback =
        Logins.callback(harness, redirect, FakeUpstreamIdentityProvider.GOOD_CODE);

    assertThat(callback.statusCode()).isEqualTo(303);
    Map<String, String> query =
        IssuerHarness.query(callback.headers().firstValue("Location").orElseThrow());
    assertThat(query)
        .containsEntry("error", "access_denied")
        .containsEntry(
            "error_description",
            "The resource owner or authorization server denied the request. Reason: configured"
                + " identity transformation or policy resulted in unexpected error.")
        .doesNotContainKey("code");
  }

  @Test
  void aTransformationFailingAtRunTimeFailsTheRefresh() {
    JsonNode tokens = loginAndRedeem();
    okta.setGroups(List.of("broken"));

    HttpResponse<String> refreshed = Logins.refresh(harness, tokens.path("refresh_token").asText());

    assertThat(refreshed.statusCode()).isEqualTo(401);
    assertThat(json(refreshed).path("error_description").asText())
        .isEqualTo(
            "Error during upstream refresh. Upstream refresh error while applying configured"
                + " identity transformations.");
  }
}
