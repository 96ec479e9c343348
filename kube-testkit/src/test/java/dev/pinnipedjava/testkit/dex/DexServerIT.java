package dev.pinnipedjava.testkit.dex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DexServerIT {
  private static final DexClient CLIENT =
      new DexClient(
          "pinniped-supervisor",
          "client secret",
          List.of(URI.create("https://127.0.0.1:12345/callback")));
  private static final DexUser PINNY =
      new DexUser("pinny@example.com", "pinny", "id-pinny", "pinny's password");

  private DexServer dex;
  private TokenEndpoint endpoint;

  @BeforeAll
  void startDex() {
    dex = DexServer.start(DexConfig.builder().user(PINNY).client(CLIENT).build());
    System.err.println(
        "kube-testkit: dex ready in " + dex.startupTime().toMillis() + " ms at " + dex.issuer());
    endpoint = new TokenEndpoint(dex, CLIENT);
  }

  @AfterAll
  void stopDex() {
    dex.stop();
  }

  @Test
  void discoveryNamesTheIssuerAndTheGrantsTestsUse() throws Exception {
    JsonNode discovery = endpoint.discovery();

    assertThat(dex.issuer().toString()).startsWith("https://127.0.0.1:").endsWith("/dex");
    assertThat(discovery.path("issuer").asText()).isEqualTo(dex.issuer().toString());
    assertThat(discovery.path("token_endpoint").asText()).startsWith(dex.issuer().toString());
    assertThat(strings(discovery.path("grant_types_supported")))
        .contains("authorization_code", "refresh_token", "password");
  }

  @Test
  void theJwksHoldsAnRsaSigningKey() throws Exception {
    JsonNode jwks = endpoint.getJson(URI.create(endpoint.discovery().path("jwks_uri").asText()));

    assertThat(jwks.path("keys")).isNotEmpty();
    assertThat(jwks.path("keys").get(0).path("kty").asText()).isEqualTo("RSA");
    assertThat(jwks.path("keys").get(0).path("use").asText()).isEqualTo("sig");
  }

  @Test
  void thePasswordGrantReturnsASignedIdTokenWithTheUsersClaims() throws Exception {
    TokenEndpoint.Answer answer =
        endpoint.passwordGrant(
            PINNY.email(), PINNY.password(), "openid email profile offline_access");

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    JWTClaimsSet claims = endpoint.verifiedClaims(answer.idToken());
    assertThat(claims.getIssuer()).isEqualTo(dex.issuer().toString());
    assertThat(claims.getAudience()).containsExactly(CLIENT.id());
    assertThat(claims.getStringClaim("email")).isEqualTo(PINNY.email());
    assertThat(claims.getBooleanClaim("email_verified")).isTrue();
    assertThat(claims.getStringClaim("name")).isEqualTo(PINNY.username());
    assertThat(claims.getSubject()).isNotBlank();
    assertThat(answer.refreshToken()).isNotBlank();
  }

  @Test
  void aRefreshTokenGivesANewIdTokenForTheSameSubject() throws Exception {
    TokenEndpoint.Answer first =
        endpoint.passwordGrant(PINNY.email(), PINNY.password(), "openid email offline_access");
    JWTClaimsSet firstClaims = endpoint.verifiedClaims(first.idToken());

    TokenEndpoint.Answer refreshed = endpoint.refresh(first.refreshToken());

    assertThat(refreshed.status()).as(refreshed.body().toString()).isEqualTo(200);
    JWTClaimsSet refreshedClaims = endpoint.verifiedClaims(refreshed.idToken());
    assertThat(refreshedClaims.getSubject()).isEqualTo(firstClaims.getSubject());
    assertThat(refreshed.idToken()).isNotEqualTo(first.idToken());
    assertThat(refreshed.refreshToken()).isNotBlank().isNotEqualTo(first.refreshToken());
  }

  @Test
  void aWrongPasswordGetsNoToken() throws Exception {
    TokenEndpoint.Answer answer =
        endpoint.passwordGrant(PINNY.email(), "not the password", "openid");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().path("error").asText()).isEqualTo("access_denied");
    assertThat(answer.body().has("id_token")).isFalse();
  }

  @Test
  void stopEndsDexAndFreesItsPort() {
    DexServer another = DexServer.start(DexConfig.builder().user(PINNY).client(CLIENT).build());
    assertThat(LoopbackPorts.listening(another.port())).isTrue();

    another.stop();

    assertThat(LoopbackPorts.listening(another.port())).isFalse();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
