package dev.pinnipedjava.testkit.dex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** A confidential client of a running Dex: discovery, JWKS and the token endpoint. */
final class TokenEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DexServer dex;
  private final DexClient client;
  private final HttpClient http;

  TokenEndpoint(DexServer dex, DexClient client) {
    this.dex = dex;
    this.client = client;
    this.http = HttpClient.newBuilder().sslContext(dex.clientTlsContext()).build();
  }

  /** The answer of the token endpoint: its status and JSON body. */
  record Answer(int status, JsonNode body) {
    String idToken() {
      return body.path("id_token").asText();
    }

    String refreshToken() {
      return body.path("refresh_token").asText();
    }
  }

  JsonNode discovery() throws IOException, InterruptedException {
    return getJson(URI.create(dex.issuer() + "/.well-known/openid-configuration"));
  }

  JsonNode getJson(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  Answer passwordGrant(String username, String password, String scope)
      throws IOException, InterruptedException {
    return post(
        Map.of(
            "grant_type", "password", "username", username, "password", password, "scope", scope));
  }

  Answer refresh(String refreshToken) throws IOException, InterruptedException {
    return post(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
  }

  private Answer post(Map<String, String> form) throws IOException, InterruptedException {
    URI tokenEndpoint = URI.create(discovery().path("token_endpoint").asText());
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (encode(client.id()) + ":" + encode(client.secret()))
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  /** The claims of an ID token whose signature a key of Dex's JWKS verifies. */
  JWTClaimsSet verifiedClaims(String idToken)
      throws IOException, InterruptedException, ParseException, JOSEException {
    SignedJWT jwt = SignedJWT.parse(idToken);
    JWKSet keys =
        JWKSet.parse(getJson(URI.create(discovery().path("jwks_uri").asText())).toString());
    RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
    if (key == null || !jwt.verify(new RSASSAVerifier(key))) {
      throw new IllegalStateException("no key of Dex's JWKS verifies the ID token");
    }
    return jwt.getJWTClaimsSet();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
