package dev.pinnipedjava.concierge.impersonator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which paths anonymous callers may use through the proxy. */
class ProxyRequestPathTest {
  record Case(String name, String path, boolean wantTokenCredentialRequest) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "default suffix",
            "/apis/login.concierge.pinniped.dev/v1alpha1/tokencredentialrequests",
            true),
        new Case(
            "another suffix",
            "/apis/login.concierge.tuna.io/v1alpha1/tokencredentialrequests",
            true),
        new Case("discovery of the group", "/apis/login.concierge.pinniped.dev/v1alpha1", false),
        new Case("whoami", "/apis/identity.concierge.pinniped.dev/v1alpha1/whoamirequests", false),
        new Case("core API", "/api/v1/namespaces", false),
        new Case(
            "look-alike group",
            "/apis/login.concierge-evil.io/v1alpha1/tokencredentialrequests",
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isTokenCredentialRequest(Case testCase) {
    assertThat(ProxyRequestHandler.isTokenCredentialRequest(testCase.path()))
        .isEqualTo(testCase.wantTokenCredentialRequest());
  }
}
