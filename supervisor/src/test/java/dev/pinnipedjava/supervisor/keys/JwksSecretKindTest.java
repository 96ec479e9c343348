package dev.pinnipedjava.supervisor.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JwksSecretKindTest {
  private static final JwksSecretKind KIND = new JwksSecretKind();
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void generatesPinnipedsShape() throws ParseException {
    Map<String, byte[]> data = KIND.generate(RANDOM);

    ECKey active = ECKey.parse(new String(data.get("activeJWK"), StandardCharsets.UTF_8));
    assertThat(active.isPrivate()).isTrue();
    assertThat(active.getKeyID()).isEqualTo("pinniped-supervisor-key");
    assertThat(active.getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(active.getKeyUse().identifier()).isEqualTo("sig");
    assertThat(active.getCurve().getName()).isEqualTo("P-256");
    JWKSet jwks = JWKSet.parse(new String(data.get("jwks"), StandardCharsets.UTF_8));
    assertThat(jwks.getKeys()).containsExactly(active.toPublicJWK());
    assertThat(KIND.isValid(data)).isTrue();
    FederationDomainKeys keys = KIND.publish(FederationDomainKeys.NONE, data);
    assertThat(keys.signingKey()).isEqualTo(active);
    assertThat(KIND.withdraw(keys)).isEqualTo(FederationDomainKeys.NONE);
  }

  record Case(String name, UnaryOperator<Map<String, byte[]>> corrupt) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Map<String, byte[]> with(Map<String, byte[]> data, String key, String value) {
    Map<String, byte[]> copy = new HashMap<>(data);
    copy.put(key, value.getBytes(StandardCharsets.UTF_8));
    return copy;
  }

  static Stream<Case> corruptions() {
    return Stream.of(
        new Case(
            "no active key",
            data -> {
              Map<String, byte[]> copy = new HashMap<>(data);
              copy.remove("activeJWK");
              return copy;
            }),
        new Case(
            "no key set",
            data -> {
              Map<String, byte[]> copy = new HashMap<>(data);
              copy.remove("jwks");
              return copy;
            }),
        new Case("active key not JSON", data -> with(data, "activeJWK", "not json")),
        new Case(
            "active key is public",
            data ->
                with(
                    data,
                    "activeJWK",
                    new String(data.get("jwks"), StandardCharsets.UTF_8)
                        .replaceFirst("^\\{\"keys\":\\[", "")
                        .replaceFirst("]}$", ""))),
        new Case(
            "key set holds a private key",
            data ->
                with(
                    data,
                    "jwks",
                    "{\"keys\":["
                        + new String(data.get("activeJWK"), StandardCharsets.UTF_8)
                        + "]}")),
        new Case("key set lacks the active key", data -> with(data, "jwks", "{\"keys\":[]}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptions")
  void corruptDataIsInvalid(Case c) {
    assertThat(KIND.isValid(c.corrupt().apply(KIND.generate(RANDOM)))).isFalse();
  }

  @Test
  void symmetricKeysAreThirtyTwoRandomBytes() {
    for (SymmetricKeySecretKind kind : SymmetricKeySecretKind.values()) {
      Map<String, byte[]> data = kind.generate(RANDOM);
      assertThat(data.get("key")).hasSize(32);
      assertThat(kind.isValid(data)).isTrue();
      assertThat(kind.isValid(Map.of("key", new byte[31]))).isFalse();
      assertThat(kind.isValid(Map.of())).isFalse();
    }
    assertThat(KIND.generate(RANDOM).get("activeJWK"))
        .isNotEqualTo(KIND.generate(RANDOM).get("activeJWK"));
  }
}
