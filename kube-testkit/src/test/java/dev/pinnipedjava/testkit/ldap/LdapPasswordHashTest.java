package dev.pinnipedjava.testkit.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LdapPasswordHashTest {
  private static final String HASHED = new LdapPasswordHash(new SecureRandom()).hash("s3cret ü");

  record Case(String name, String password, String hashed, boolean want) {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case("the password", "s3cret ü", HASHED, true),
        new Case("another password", "s3cret u", HASHED, false),
        new Case("another scheme", "s3cret ü", HASHED.replace("{SSHA}", "{SHA}"), false),
        new Case("not base64", "s3cret ü", "{SSHA}***", false),
        new Case("too short", "s3cret ü", "{SSHA}AAAA", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matches(Case c) {
    assertThat(LdapPasswordHash.matches(c.password(), c.hashed())).isEqualTo(c.want());
  }

  @Test
  void hashesAreSaltedAndHideThePassword() {
    LdapPasswordHash hash = new LdapPasswordHash(new SecureRandom());

    String first = hash.hash("plain words");

    assertThat(first).startsWith("{SSHA}").doesNotContain("plain");
    assertThat(hash.hash("plain words")).isNotEqualTo(first);
    assertThat(LdapPasswordHash.matches("plain words", first)).isTrue();
  }
}
