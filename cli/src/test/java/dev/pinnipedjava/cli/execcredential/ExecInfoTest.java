package dev.pinnipedjava.cli.execcredential;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExecInfoTest {

  record Case(
      String name,
      @Nullable String env,
      boolean terminal,
      ExecCredentialVersion wantVersion,
      boolean wantInteractive,
      @Nullable String wantServer) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String v1 = "client.authentication.k8s.io/v1";
    String v1beta1 = "client.authentication.k8s.io/v1beta1";
    return Stream.of(
        new Case("absent, no terminal", null, false, ExecCredentialVersion.V1BETA1, false, null),
        new Case("absent, terminal", null, true, ExecCredentialVersion.V1BETA1, true, null),
        new Case("blank", "  ", true, ExecCredentialVersion.V1BETA1, true, null),
        new Case("not JSON", "{nope", false, ExecCredentialVersion.V1BETA1, false, null),
        new Case(
            "another kind",
            "{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}",
            true,
            ExecCredentialVersion.V1BETA1,
            true,
            null),
        new Case(
            "v1, not interactive",
            execCredential(v1, "\"interactive\":false"),
            true,
            ExecCredentialVersion.V1,
            false,
            null),
        new Case(
            "v1beta1, interactive, with cluster",
            execCredential(
                v1beta1, "\"interactive\":true,\"cluster\":{\"server\":\"https://k8s:6443\"}"),
            false,
            ExecCredentialVersion.V1BETA1,
            true,
            "https://k8s:6443"),
        new Case(
            "a retired version is answered in the default one",
            execCredential("client.authentication.k8s.io/v1alpha1", "\"interactive\":true"),
            false,
            ExecCredentialVersion.V1BETA1,
            true,
            null),
        new Case(
            "undecodable CA data drops the cluster, as client-go does",
            execCredential(
                v1beta1,
                "\"cluster\":{\"server\":\"https://k8s\",\"certificate-authority-data\":\"%%%\"}"),
            false,
            ExecCredentialVersion.V1BETA1,
            false,
            null));
  }

  private static String execCredential(String apiVersion, String spec) {
    return "{\"kind\":\"ExecCredential\",\"apiVersion\":\"%s\",\"spec\":{%s}}"
        .formatted(apiVersion, spec);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parses(Case c) {
    ExecInfo info = ExecInfo.parse(Optional.ofNullable(c.env()), c.terminal());

    assertThat(info.version()).isEqualTo(c.wantVersion());
    assertThat(info.interactive()).isEqualTo(c.wantInteractive());
    assertThat(info.cluster() == null ? null : info.cluster().server()).isEqualTo(c.wantServer());
  }

  @Test
  void writesOneLineOfJsonInTheRequestedVersion() {
    ExecCredentialStatus status =
        new ExecCredentialStatus(Instant.parse("2025-06-01T12:05:00.123Z"), null, "CERT", "KEY");

    assertThat(ExecCredentialWriter.render(ExecCredentialVersion.V1, status))
        .isEqualTo(
            "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
                + "\"spec\":{\"interactive\":false},\"status\":{\"expirationTimestamp\":"
                + "\"2025-06-01T12:05:00Z\",\"clientCertificateData\":\"CERT\","
                + "\"clientKeyData\":\"KEY\"}}\n");
    assertThat(
            ExecCredentialWriter.render(
                ExecCredentialVersion.V1BETA1, ExecCredentialStatus.ofToken("t", null)))
        .isEqualTo(
            "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
                + "\"spec\":{\"interactive\":false},\"status\":{\"token\":\"t\"}}\n");
  }

  @Test
  void statusToStringHidesSecrets() {
    assertThat(new ExecCredentialStatus(null, "secret-token", "cert", "secret-key").toString())
        .doesNotContain("secret");
  }
}
