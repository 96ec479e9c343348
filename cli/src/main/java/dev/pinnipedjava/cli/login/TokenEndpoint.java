package dev.pinnipedjava.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.cli.sessioncache.OidcTokens;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.AccessToken;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.IdToken;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.RefreshToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Calls to the issuer's token, userinfo and JWKS endpoints, and validation of what they return. */
final class TokenEndpoint {

  static final String GRANT_TYPE_TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  static final String TOKEN_TYPE_ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
  static final String TOKEN_TYPE_JWT = "urn:ietf:params:oauth:token-type:jwt";

  private final OidcHttp http;
  private final ProviderMetadata provider;
  private final String clientId;
  private final Clock clock;
  private @Nullable IdTokenVerifier verifier;

  TokenEndpoint(OidcHttp http, ProviderMetadata provider, String clientId, Clock clock) {
    this.http = http;
    this.provider = provider;
    this.clientId = clientId;
    this.clock = clock;
  }

  /** Redeems an authorization code (with its PKCE verifier) and validates the ID token's nonce. */
  OidcTokens redeem(String code, String redirectUri, LoginSecrets secrets) throws LoginException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    form.put("code_verifier", secrets.pkceVerifier());
    form.put("client_id", clientId);
    JsonNode response = post(form);
    return validated(response, null, secrets.nonce());
  }

  /**
   * Refreshes; the nonce is not checked (providers differ on whether refreshed tokens carry it).
   */
  OidcTokens refresh(RefreshToken refreshToken) throws LoginException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken.token());
    form.put("client_id", clientId);
    JsonNode response = post(form);
    return validated(response, refreshToken, null);
  }

  /** RFC 8693: trades the access token for a JWT whose audience is {@code audience}. */
  IdToken exchange(AccessToken accessToken, String audience) throws LoginException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", clientId);
    form.put("grant_type", GRANT_TYPE_TOKEN_EXCHANGE);
    form.put("audience", audience);
    form.put("subject_token", accessToken.token());
    form.put("subject_token_type", TOKEN_TYPE_ACCESS_TOKEN);
    form.put("requested_token_type", TOKEN_TYPE_JWT);
    HttpResponse<String> response;
    try {
      response = http.postForm(provider.tokenEndpoint(), form);
    } catch (IOException e) {
      throw new LoginException(e.getMessage() == null ? "request failed" : e.getMessage(), e);
    }
    if (response.statusCode() != 200) {
      throw new LoginException("unexpected HTTP response status " + response.statusCode());
    }
    String mediaType =
        response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
    if (!mediaType.equals("application/json")) {
      throw new LoginException("unexpected HTTP response content type \"%s\"".formatted(mediaType));
    }
    JsonNode body;
    try {
      body = OidcHttp.json(response);
    } catch (IOException e) {
      throw new LoginException("failed to decode response: " + e.getMessage(), e);
    }
    String tokenType = body.path("token_type").asText("");
    if (!tokenType.equals("N_A")) {
      throw new LoginException("got unexpected token_type \"%s\"".formatted(tokenType));
    }
    String issuedType = body.path("issued_token_type").asText("");
    if (!issuedType.equals(TOKEN_TYPE_JWT)) {
      throw new LoginException("got unexpected issued_token_type \"%s\"".formatted(issuedType));
    }
    String jwt = body.path("access_token").asText("");
    JWTClaimsSet claims;
    try {
      claims = verifier().verify(jwt, audience, null);
    } catch (LoginException e) {
      throw new LoginException("received invalid JWT: " + e.getMessage(), e);
    }
    return new IdToken(jwt, expiry(claims), null);
  }

  private JsonNode post(Map<String, String> form) throws LoginException {
    HttpResponse<String> response;
    try {
      response = http.postForm(provider.tokenEndpoint(), form);
    } catch (IOException e) {
      throw new LoginException(e.getMessage() == null ? "request failed" : e.getMessage(), e);
    }
    JsonNode body;
    try {
      body = OidcHttp.json(response);
    } catch (IOException e) {
      throw new LoginException(
          "oauth2: cannot parse json: status %d".formatted(response.statusCode()), e);
    }
    if (response.statusCode() < 200 || response.statusCode() > 299 || body.hasNonNull("error")) {
      String description = body.path("error_description").asText("");
      throw new LoginException(
          "oauth2: \"%s\"%s"
              .formatted(
                  body.path("error").asText("server_error"),
                  description.isEmpty() ? "" : " \"" + description + "\""));
    }
    if (body.path("access_token").asText("").isEmpty()) {
      throw new LoginException("oauth2: server response missing access_token");
    }
    return body;
  }

  private OidcTokens validated(
      JsonNode response, @Nullable RefreshToken previousRefresh, @Nullable String nonce)
      throws LoginException {
    String idTokenText = response.path("id_token").asText("");
    if (idTokenText.isEmpty()) {
      throw new LoginException("received response missing ID token");
    }
    JWTClaimsSet claims;
    try {
      claims = verifier().verify(idTokenText, clientId, nonce);
    } catch (LoginException e) {
      throw new LoginException(
          e.getMessage() != null && e.getMessage().startsWith("received ID token")
              ? e.getMessage()
              : "received invalid ID token: " + e.getMessage(),
          e);
    }
    AccessToken access =
        new AccessToken(
            response.path("access_token").asText(),
            response.path("token_type").asText(null),
            response.hasNonNull("expires_in")
                ? clock.instant().plusSeconds(response.path("expires_in").asLong())
                : null);
    // The JSON form has dates as epoch seconds, as they appear in the token.
    Map<String, Object> mergedClaims = new LinkedHashMap<>(claims.toJSONObject());
    mergeUserInfo(access, claims, mergedClaims);
    String refreshText = response.path("refresh_token").asText("");
    // Like golang.org/x/oauth2: a refresh answer without a refresh token keeps the old one.
    RefreshToken refresh = refreshText.isEmpty() ? previousRefresh : new RefreshToken(refreshText);
    return new OidcTokens(access, refresh, new IdToken(idTokenText, expiry(claims), mergedClaims));
  }

  /** Adds the userinfo claims the ID token lacks, when the issuer has a userinfo endpoint. */
  private void mergeUserInfo(AccessToken access, JWTClaimsSet idClaims, Map<String, Object> merged)
      throws LoginException {
    URI userinfo = provider.userinfoEndpoint();
    if (userinfo == null) {
      return;
    }
    JsonNode info;
    try {
      HttpResponse<String> response =
          http.get(
              userinfo,
              Map.of("Authorization", "Bearer " + access.token(), "Accept", "application/json"));
      if (response.statusCode() != 200) {
        throw new LoginException("could not fetch user info claims: " + response.statusCode());
      }
      info = OidcHttp.json(response);
    } catch (IOException e) {
      throw new LoginException("could not fetch user info claims: " + e.getMessage(), e);
    }
    String subject = info.path("sub").asText("");
    if (!subject.equals(idClaims.getSubject())) {
      throw new LoginException(
          "userinfo 'sub' claim (%s) did not match id_token 'sub' claim (%s)"
              .formatted(subject, idClaims.getSubject()));
    }
    Map<String, Object> infoClaims =
        dev.pinnipedjava.cli.kubejson.KubeJson.json()
            .convertValue(
                info, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    infoClaims.forEach(merged::putIfAbsent);
  }

  private IdTokenVerifier verifier() throws LoginException {
    if (verifier == null) {
      JWKSet keys;
      try {
        HttpResponse<String> response =
            http.get(provider.jwksUri(), Map.of("Accept", "application/json"));
        if (response.statusCode() != 200) {
          throw new LoginException("could not fetch the issuer's keys: " + response.statusCode());
        }
        keys = JWKSet.parse(response.body());
      } catch (IOException | ParseException e) {
        throw new LoginException("could not fetch the issuer's keys: " + e.getMessage(), e);
      }
      verifier =
          new IdTokenVerifier(
              provider.issuer().toString(), keys, provider.signingAlgorithms(), clock);
    }
    return verifier;
  }

  private static @Nullable Instant expiry(JWTClaimsSet claims) {
    return claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
  }
}
