package dev.pinnipedjava.cli.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApiGroupSuffixTest {

  record Case(String name, String suffix, @Nullable String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String dns =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    return Stream.of(
        new Case("default", "pinniped.dev", null),
        new Case("custom", "tuna.io", null),
        new Case("several labels", "a-b.c.example.com", null),
        new Case("no dot", "tuna", "must contain '.'"),
        new Case("upper case", "Tuna.io", dns),
        new Case("no dot and upper case", "Tuna", "[must contain '.', " + dns + "]"),
        new Case("trailing dot", "tuna.io.", dns),
        new Case("too long", "a".repeat(250) + ".dev", "must be no more than 253 characters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesLikeKubernetes(Case c) {
    if (c.wantError() == null) {
      assertThat(ApiGroupSuffix.parse(c.suffix()).group("login.concierge"))
          .isEqualTo("login.concierge." + c.suffix());
    } else {
      assertThatThrownBy(() -> ApiGroupSuffix.parse(c.suffix())).hasMessage(c.wantError());
    }
  }
}
