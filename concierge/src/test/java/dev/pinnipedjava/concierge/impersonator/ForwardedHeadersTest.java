package dev.pinnipedjava.concierge.impersonator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ForwardedHeadersTest {
  private static final KubernetesUser PAT =
      new KubernetesUser(
          "pat",
          "",
          List.of("devs", "system:authenticated"),
          Map.of("scopes", List.of("a", "b"), "example.com/team", List.of("blue")));

  /** Headers a caller sends and the headers that must reach the kube-apiserver, in order. */
  record Case(
      String name,
      List<Map.Entry<String, String>> incoming,
      ForwardedIdentity identity,
      boolean upgrade,
      List<Map.Entry<String, String>> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    List<Map.Entry<String, String>> impersonatingPat =
        List.of(
            Map.entry("X-Forwarded-For", "10.1.2.3"),
            Map.entry("Impersonate-User", "pat"),
            Map.entry("Impersonate-Group", "devs"),
            Map.entry("Impersonate-Group", "system:authenticated"),
            Map.entry("Impersonate-Extra-example.com%2Fteam", "blue"),
            Map.entry("Impersonate-Extra-scopes", "a"),
            Map.entry("Impersonate-Extra-scopes", "b"));
    return Stream.of(
        new Case(
            "ordinary headers pass, the identity is added",
            List.of(
                Map.entry("Accept", "application/json"),
                Map.entry("User-Agent", "kubectl"),
                Map.entry("Audit-ID", "abc")),
            new ForwardedIdentity(PAT, null),
            false,
            concat(
                List.of(
                    Map.entry("Accept", "application/json"),
                    Map.entry("User-Agent", "kubectl"),
                    Map.entry("Audit-ID", "abc")),
                impersonatingPat)),
        new Case(
            "the caller's credentials, impersonation and front-proxy headers are dropped",
            List.of(
                Map.entry("Authorization", "Bearer secret"),
                Map.entry("impersonate-user", "admin"),
                Map.entry("Impersonate-Group", "system:masters"),
                Map.entry("Impersonate-Extra-Scopes", "x"),
                Map.entry("Impersonate-Uid", "1"),
                Map.entry("X-Remote-User", "admin"),
                Map.entry("x-remote-group", "system:masters"),
                Map.entry("X-Forwarded-For", "6.6.6.6"),
                Map.entry("Host", "proxy.example.com")),
            new ForwardedIdentity(PAT, null),
            false,
            impersonatingPat),
        new Case(
            "hop-by-hop headers and those Connection names are dropped",
            List.of(
                Map.entry("Connection", "keep-alive, X-Private"),
                Map.entry("Keep-Alive", "timeout=5"),
                Map.entry("X-Private", "hop"),
                Map.entry("Transfer-Encoding", "chunked"),
                Map.entry("Content-Type", "application/json")),
            new ForwardedIdentity(PAT, null),
            false,
            concat(List.of(Map.entry("Content-Type", "application/json")), impersonatingPat)),
        new Case(
            "an upgrade keeps Connection and Upgrade",
            List.of(
                Map.entry("Connection", "Upgrade"),
                Map.entry("Upgrade", "SPDY/3.1"),
                Map.entry("X-Stream-Protocol-Version", "v4.channel.k8s.io")),
            new ForwardedIdentity(PAT, null),
            true,
            concat(
                List.of(
                    Map.entry("X-Stream-Protocol-Version", "v4.channel.k8s.io"),
                    Map.entry("Connection", "Upgrade"),
                    Map.entry("Upgrade", "SPDY/3.1")),
                impersonatingPat)),
        new Case(
            "a UID is impersonated too",
            List.of(),
            new ForwardedIdentity(new KubernetesUser("sa", "uid-1", List.of(), Map.of()), null),
            false,
            List.of(
                Map.entry("X-Forwarded-For", "10.1.2.3"),
                Map.entry("Impersonate-User", "sa"),
                Map.entry("Impersonate-Uid", "uid-1"))),
        new Case(
            "nested impersonation records the original caller",
            List.of(),
            new ForwardedIdentity(
                KubernetesUser.of("target", List.of()),
                new KubernetesUser("pat", "", List.of("devs"), Map.of())),
            false,
            List.of(
                Map.entry("X-Forwarded-For", "10.1.2.3"),
                Map.entry("Impersonate-User", "target"),
                Map.entry(
                    "Impersonate-Extra-original-user-info.impersonation-proxy.concierge.pinniped.dev",
                    "{\"username\":\"pat\",\"groups\":[\"devs\"]}"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void request(Case testCase) {
    assertThat(
            ForwardedHeaders.request(
                testCase.incoming(), testCase.identity(), "10.1.2.3", testCase.upgrade()))
        .containsExactlyElementsOf(testCase.want());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responses")
  void response(ResponseCase testCase) {
    assertThat(ForwardedHeaders.response(testCase.incoming(), testCase.upgraded()))
        .containsExactlyElementsOf(testCase.want());
  }

  /** Response headers from the kube-apiserver and those the caller gets. */
  record ResponseCase(
      String name,
      List<Map.Entry<String, String>> incoming,
      boolean upgraded,
      List<Map.Entry<String, String>> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ResponseCase> responses() {
    return Stream.of(
        new ResponseCase(
            "hop-by-hop headers are dropped",
            List.of(
                Map.entry("Content-Type", "application/json"),
                Map.entry("Transfer-Encoding", "chunked"),
                Map.entry("Connection", "keep-alive"),
                Map.entry("Audit-Id", "1")),
            false,
            List.of(Map.entry("Content-Type", "application/json"), Map.entry("Audit-Id", "1"))),
        new ResponseCase(
            "a 101 keeps every header",
            List.of(
                Map.entry("Connection", "Upgrade"),
                Map.entry("Upgrade", "websocket"),
                Map.entry("Sec-WebSocket-Accept", "x")),
            true,
            List.of(
                Map.entry("Connection", "Upgrade"),
                Map.entry("Upgrade", "websocket"),
                Map.entry("Sec-WebSocket-Accept", "x"))));
  }

  private static List<Map.Entry<String, String>> concat(
      List<Map.Entry<String, String>> first, List<Map.Entry<String, String>> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }
}
