package dev.pinnipedjava.supervisor.endpoint.jwks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.keys.JwksSecretKind;
import dev.pinnipedjava.supervisor.keys.KeyCache;
import java.security.SecureRandom;
import java.text.ParseException;
import org.junit.jupiter.api.Test;

class JwksEndpointTest {
  private static final Key FD = Key.namespaced("supervisor", "fd");

  private final KeyCache keys = new KeyCache();
  private final JwksEndpoint endpoint = new JwksEndpoint(keys, FD);

  @Test
  void notFoundUntilTheKeyIsLoaded() {
    EndpointResponse response = endpoint.handle(new EndpointRequest("GET", "/jwks.json"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.bodyText()).isEqualTo("JWKS not found for requested issuer\n");
  }

  @Test
  void servesOnlyThePublicKeys() throws ParseException {
    JwksSecretKind kind = new JwksSecretKind();
    keys.update(FD, current -> kind.publish(current, kind.generate(new SecureRandom())));

    EndpointResponse response = endpoint.handle(new EndpointRequest("GET", "/jwks.json"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("application/json");
    JWKSet served = JWKSet.parse(response.bodyText());
    assertThat(served.getKeys()).hasSize(1);
    assertThat(served.getKeys().get(0).isPrivate()).isFalse();
    assertThat(served.getKeys().get(0).getKeyID()).isEqualTo("pinniped-supervisor-key");
    assertThat(served.getKeys().get(0).getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(response.bodyText()).doesNotContain("\"d\"");
  }

  @Test
  void onlyGetIsAllowed() {
    assertThat(endpoint.handle(new EndpointRequest("POST", "/jwks.json")).status()).isEqualTo(405);
  }
}
