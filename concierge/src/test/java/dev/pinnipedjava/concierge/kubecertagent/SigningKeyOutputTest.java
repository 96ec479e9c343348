package dev.pinnipedjava.concierge.kubecertagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoding what {@code pinniped-concierge-kube-cert-agent print} writes. */
class SigningKeyOutputTest {
  private static final String POD = "ns/agent";

  @Test
  void decodesBothFiles() {
    SigningKeyOutput output =
        SigningKeyOutput.parse(
            "{\"tls.crt\":\"" + base64("CERT") + "\",\"tls.key\":\"" + base64("KEY") + "\"}\n",
            POD);

    assertThat(output.certificatePem()).isEqualTo("CERT");
    assertThat(output.privateKeyPem()).isEqualTo("KEY");
    assertThat(output.toString()).doesNotContain("KEY");
  }

  record Case(String name, String output, String wantMessage) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalid() {
    return Stream.of(
        new Case(
            "not JSON",
            "cat: no such file",
            "failed to decode signing cert/key JSON from agent pod ns/agent: "),
        new Case(
            "not an object",
            "[1]",
            "failed to decode signing cert/key JSON from agent pod ns/agent: not a JSON object"),
        new Case(
            "certificate not base64",
            "{\"tls.crt\":\"%%%\",\"tls.key\":\"\"}",
            "failed to decode signing cert base64 from agent pod ns/agent: "),
        new Case(
            "key not base64",
            "{\"tls.crt\":\"\",\"tls.key\":\"%%%\"}",
            "failed to decode signing key base64 from agent pod ns/agent: "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refuses(Case testCase) {
    assertThatThrownBy(() -> SigningKeyOutput.parse(testCase.output(), POD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(testCase.wantMessage());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
