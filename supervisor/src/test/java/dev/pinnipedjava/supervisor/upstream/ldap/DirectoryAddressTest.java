package dev.pinnipedjava.supervisor.upstream.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DirectoryAddressTest {
  record Case(
      String name,
      String spec,
      ConnectionProtocol protocol,
      @Nullable String wantHost,
      int wantPort) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "host only, TLS", "ldap.example.com", ConnectionProtocol.TLS, "ldap.example.com", 636),
        new Case(
            "host only, StartTLS",
            "ldap.example.com",
            ConnectionProtocol.START_TLS,
            "ldap.example.com",
            389),
        new Case("host and port", "127.0.0.1:10636", ConnectionProtocol.TLS, "127.0.0.1", 10636),
        new Case("IPv6 with port", "[::1]:1636", ConnectionProtocol.TLS, "::1", 1636),
        new Case("IPv6 without port", "[::1]", ConnectionProtocol.START_TLS, "::1", 389),
        new Case("empty port", "host:", ConnectionProtocol.TLS, null, 0),
        new Case("port not a number", "host:ldaps", ConnectionProtocol.TLS, null, 0),
        new Case("port out of range", "host:70000", ConnectionProtocol.TLS, null, 0),
        new Case("empty host", ":636", ConnectionProtocol.TLS, null, 0),
        new Case("unbracketed IPv6", "::1:636", ConnectionProtocol.TLS, null, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesSpecHost(Case test) {
    if (test.wantHost() == null) {
      assertThatThrownBy(() -> DirectoryAddress.parse(test.spec(), test.protocol()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(test.spec());
      return;
    }
    DirectoryAddress address = DirectoryAddress.parse(test.spec(), test.protocol());
    assertThat(address.host()).isEqualTo(test.wantHost());
    assertThat(address.port()).isEqualTo(test.wantPort());
    assertThat(address.spec()).isEqualTo(test.spec());
  }
}
