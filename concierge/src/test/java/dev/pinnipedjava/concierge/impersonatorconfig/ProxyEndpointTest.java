package dev.pinnipedjava.concierge.impersonatorconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyEndpointTest {
  record Case(String name, String endpoint, List<String> wantDnsNames, List<String> wantIps) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("host name", "proxy.example.com", List.of("proxy.example.com"), List.of()),
        new Case(
            "host name and port",
            "proxy.example.com:8443",
            List.of("proxy.example.com"),
            List.of()),
        new Case("IPv4 address", "10.0.0.7", List.of(), List.of("10.0.0.7")),
        new Case("IPv4 address and port", "127.0.0.1:8444", List.of(), List.of("127.0.0.1")),
        new Case("IPv6 address and port", "[::1]:8444", List.of(), List.of("0:0:0:0:0:0:0:1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void of(Case testCase) {
    ProxyEndpoint endpoint = ProxyEndpoint.of(testCase.endpoint());

    assertThat(endpoint.clientEndpoint()).isEqualTo(testCase.endpoint());
    assertThat(endpoint.dnsNames()).isEqualTo(testCase.wantDnsNames());
    assertThat(endpoint.ipAddresses().stream().map(ip -> ip.getHostAddress()).toList())
        .isEqualTo(testCase.wantIps());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refusesWhatIsNotHostAndPort(String endpoint) {
    assertThatThrownBy(() -> ProxyEndpoint.of(endpoint))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<String> invalid() {
    return Stream.of(
        "https://proxy.example.com/", "proxy.example.com:port", "under_score.example.com", "[::1");
  }

  @Test
  void controlPlaneNodesAreRecognisedByPinnipedsLabels() {
    assertThat(
            ControlPlaneNodes.isControlPlane(Map.of("node-role.kubernetes.io/control-plane", "")))
        .isTrue();
    assertThat(ControlPlaneNodes.isControlPlane(Map.of("node-role.kubernetes.io/master", "")))
        .isTrue();
    assertThat(ControlPlaneNodes.isControlPlane(Map.of("kubernetes.io/node-role", "master")))
        .isTrue();
    assertThat(ControlPlaneNodes.isControlPlane(Map.of("kubernetes.io/node-role", "worker")))
        .isFalse();
    assertThat(ControlPlaneNodes.isControlPlane(Map.of("node-role.kubernetes.io/worker", "")))
        .isFalse();
  }
}
