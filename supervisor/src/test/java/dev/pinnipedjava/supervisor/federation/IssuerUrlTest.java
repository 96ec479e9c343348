package dev.pinnipedjava.supervisor.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pinniped's issuer validation table ({@code federation_domain_issuer_test.go}). */
class IssuerUrlTest {
  record Case(String name, String issuer, @Nullable String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("must have an issuer", "", "federation domain must have an issuer"),
        new Case(
            "unparseable",
            "https://example.com/a b",
            "could not parse issuer as URL: parse \"https://example.com/a b\": Illegal character in path"),
        new Case("no hostname", "https://", "issuer must have a hostname"),
        new Case("no scheme", "tuna.com", "issuer must have \"https\" scheme"),
        new Case("bad scheme", "ftp://tuna.com", "issuer must have \"https\" scheme"),
        new Case("http scheme", "http://tuna.com", "issuer must have \"https\" scheme"),
        new Case("fragment", "https://tuna.com/fish#some-frag", "issuer must not have fragment"),
        new Case("query", "https://tuna.com?some=query", "issuer must not have query"),
        new Case(
            "username", "https://username@tuna.com", "issuer must not have username or password"),
        new Case(
            "password",
            "https://username:password@tuna.com",
            "issuer must not have username or password"),
        new Case(
            "trailing slash", "https://tuna.com/", "issuer must not have trailing slash in path"),
        new Case("without path", "https://tuna.com", null),
        new Case("with path", "https://tuna.com/fish/marlin", null),
        new Case("with port", "https://tuna.com:8443/fish", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesLikePinniped(Case c) {
    if (c.wantError() == null) {
      assertThat(parse(c.issuer()).issuer()).isEqualTo(c.issuer());
    } else {
      assertThatThrownBy(() -> IssuerUrl.parse(c.issuer()))
          .isInstanceOf(InvalidIssuerException.class)
          .hasMessageStartingWith(c.wantError());
    }
  }

  static Stream<Case> validCases() {
    return cases().filter(c -> c.wantError() == null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCases")
  void partsOfValidIssuers(Case c) {
    IssuerUrl url = parse(c.issuer());
    assertThat(url.hostname()).isEqualTo("tuna.com");
    assertThat(c.issuer()).isEqualTo("https://" + url.host() + url.path());
  }

  @org.junit.jupiter.api.Test
  void routingIgnoresHostCaseButNotPathCase() {
    IssuerUrl url = parse("https://Tuna.COM:8443/Fish");

    assertThat(url.hostname()).isEqualTo("tuna.com");
    assertThat(url.routingKey()).isEqualTo("tuna.com:8443/Fish");
    assertThat(url.uniquenessKey()).isEqualTo("https://tuna.com:8443/Fish");
    assertThat(url.hostIsIpAddress()).isFalse();
    assertThat(parse("https://127.0.0.1:8443").hostIsIpAddress()).isTrue();
    assertThat(parse("https://[::1]:8443").hostIsIpAddress()).isTrue();
  }

  private static IssuerUrl parse(String issuer) {
    try {
      return IssuerUrl.parse(issuer);
    } catch (InvalidIssuerException e) {
      throw new AssertionError(e);
    }
  }
}
