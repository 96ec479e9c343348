package dev.pinnipedjava.supervisor.endpoint.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;

/** Steps of a login through an {@link IssuerHarness}, for tests. */
final class Logins {
  static final ObjectMapper JSON = new ObjectMapper();

  private Logins() {}

  /** What the authorize redirect gave the browser. */
  record UpstreamRedirect(String state, String cookie) {}

  /** The authorize step of a browser login with {@code parameters}: 303 upstream with a cookie. */
  static UpstreamRedirect authorize(IssuerHarness harness, Map<String, String> parameters) {
    HttpResponse<String> response =
        harness.get("/oauth2/authorize?" + IssuerHarness.encode(parameters));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(FakeUpstreamIdentityProvider.ISSUER + "/authorize?");
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return new UpstreamRedirect(
        IssuerHarness.required(IssuerHarness.query(location), "state"),
        setCookie.substring(0, setCookie.indexOf(';')));
  }

  /** The callback step: returns the response (303 to the client on success). */
  static HttpResponse<String> callback(
      IssuerHarness harness, UpstreamRedirect redirect, String upstreamCode) {
    return harness.get(
        "/callback?"
            + IssuerHarness.encode(Map.of("code", upstreamCode, "state", redirect.state())),
        "Cookie",
        redirect.cookie());
  }

  /** A whole browser login up to the downstream authorization code. */
  static String browserLoginCode(IssuerHarness harness) {
    UpstreamRedirect redirect =
        authorize(
            harness,
            IssuerHarness.with(
                IssuerHarness.authorizeParameters(), "pinniped_idp_name", "display-okta"));
    HttpResponse<String> response =
        callback(harness, redirect, FakeUpstreamIdentityProvider.GOOD_CODE);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    Map<String, String> query =
        IssuerHarness.query(response.headers().firstValue("Location").orElseThrow());
    assertThat(query).containsEntry("state", "client-state-123456");
    assertThat(query).containsEntry("iss", IssuerHarness.ISSUER);
    return IssuerHarness.required(query, "code");
  }

  /** Redeems a code at the token endpoint. */
  static HttpResponse<String> redeem(IssuerHarness harness, String code) {
    return harness.postForm(
        "/oauth2/token",
        Map.of(
            "grant_type",
            "authorization_code",
            "code",
            code,
            "client_id",
            "pinniped-cli",
            "redirect_uri",
            IssuerHarness.CLI_REDIRECT,
            "code_verifier",
            IssuerHarness.VERIFIER.getValue()));
  }

  static HttpResponse<String> refresh(IssuerHarness harness, String refreshToken) {
    return harness.postForm(
        "/oauth2/token",
        Map.of(
            "grant_type", "refresh_token",
            "refresh_token", refreshToken,
            "client_id", "pinniped-cli"));
  }

  static HttpResponse<String> exchange(IssuerHarness harness, String accessToken, String audience) {
    return harness.postForm(
        "/oauth2/token",
        Map.of(
            "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
            "subject_token", accessToken,
            "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
            "requested_token_type", "urn:ietf:params:oauth:token-type:jwt",
            "audience", audience,
            "client_id", "pinniped-cli"));
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** The claims of a JWT whose ES256 signature the issuer's JWKS verifies. */
  static JWTClaimsSet verified(IssuerHarness harness, String jwt) {
    try {
      SignedJWT signed = SignedJWT.parse(jwt);
      ECKey key = (ECKey) JWKSet.parse(harness.jwks()).getKeyByKeyId(signed.getHeader().getKeyID());
      assertThat(key).as("a JWKS key with the token's kid").isNotNull();
      assertThat(signed.verify(new ECDSAVerifier(key))).as("signature").isTrue();
      return signed.getJWTClaimsSet();
    } catch (ParseException | JOSEException e) {
      throw new AssertionError(e);
    }
  }
}
