package dev.pinnipedjava.supervisor.clientsecret;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BcryptTest {
  // crypt_blowfish's published $2a$ test vector, for the password "U*U".
  private static final String KNOWN_HASH =
      "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

  @Test
  void hashesAsGoDoesAndMatchesOnlyTheSecret() {
    Bcrypt bcrypt = new Bcrypt(new SecureRandom());
    String hash = bcrypt.hash("s3cret", 5);

    assertThat(hash).startsWith("$2a$05$").hasSize(60);
    assertThat(Bcrypt.cost(hash)).hasValue(5);
    assertThat(Bcrypt.matches(hash, "s3cret")).isTrue();
    assertThat(Bcrypt.matches(hash, "s3cret ")).isFalse();
    assertThat(bcrypt.hash("s3cret", 5)).as("salted").isNotEqualTo(hash);
  }

  record Case(String name, String hash, String secret, boolean wantMatch) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a published test vector", KNOWN_HASH, "U*U", true),
        new Case("the wrong secret", KNOWN_HASH, "U*V", false),
        new Case("an empty secret", KNOWN_HASH, "", false),
        new Case("a secret longer than bcrypt reads", KNOWN_HASH, "U*U" + "x".repeat(100), false),
        new Case("no hash at all", "password", "password", false),
        new Case("a truncated hash", KNOWN_HASH.substring(0, 40), "U*U", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matches(Case c) {
    assertThat(Bcrypt.matches(c.hash(), c.secret())).isEqualTo(c.wantMatch());
  }
}
