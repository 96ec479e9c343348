package dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratedSecretStaysOutOfToStringTest {
  @Test
  void statusToStringHidesTheGeneratedSecret() {
    String shown = new OIDCClientSecretRequestStatus("0123456789abcdef", 2).toString();

    assertThat(shown)
        .doesNotContain("0123456789abcdef")
        .isEqualTo(
            "OIDCClientSecretRequestStatus[generatedSecret=<redacted>, totalClientSecrets=2]");
  }
}
