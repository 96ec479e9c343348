package dev.pinnipedjava.testkit.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KubeconfigTest {
  private static final URI SERVER = URI.create("https://127.0.0.1:6443");
  private static final String CA_PEM =
      "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";
  private static final String CERT_PEM =
      "-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----\n";
  private static final String KEY_PEM =
      "-----BEGIN PRIVATE KEY-----\nSECRETKEYBODY\n-----END PRIVATE KEY-----\n";

  record Case(String name, String userName, KubeconfigCredential credential) {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "client certificate",
            "alice",
            new KubeconfigCredential.ClientCertificate(CERT_PEM, KEY_PEM)),
        new Case("bearer token", "static-user", new KubeconfigCredential.BearerToken("t0k3n")),
        new Case(
            "names and tokens needing quotes",
            "system:serviceaccount:\"odd\" \\ name",
            new KubeconfigCredential.BearerToken("a: b # \"c\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fabric8ReadsWhatIsWritten(Case c) {
    Kubeconfig kubeconfig = new Kubeconfig(SERVER, CA_PEM, c.userName(), c.credential());

    Config config = Config.fromKubeconfig(kubeconfig.toYaml());

    assertThat(config.getMasterUrl()).startsWith(SERVER.toString());
    assertThat(decoded(config.getCaCertData())).isEqualTo(CA_PEM);
    assertThat(config.getCurrentContext().getName()).isEqualTo(c.userName());
    assertThat(config.getCurrentContext().getContext().getUser()).isEqualTo(c.userName());
    if (c.credential() instanceof KubeconfigCredential.ClientCertificate certificate) {
      assertThat(decoded(config.getClientCertData())).isEqualTo(certificate.certificatePem());
      assertThat(decoded(config.getClientKeyData())).isEqualTo(certificate.privateKeyPem());
    } else if (c.credential() instanceof KubeconfigCredential.BearerToken token) {
      assertThat(config.getAutoOAuthToken()).isEqualTo(token.token());
    }
  }

  @Test
  void writtenFileIsPrivateToItsOwner(@TempDir Path temp) throws Exception {
    Path file =
        new Kubeconfig(SERVER, CA_PEM, "alice", new KubeconfigCredential.BearerToken("t"))
            .writeTo(temp.resolve("nested/kubeconfig"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(file).content().contains("kind: Config");
  }

  @Test
  void toStringHidesCredentials() {
    Kubeconfig withKey =
        new Kubeconfig(
            SERVER, CA_PEM, "alice", new KubeconfigCredential.ClientCertificate(CERT_PEM, KEY_PEM));
    Kubeconfig withToken =
        new Kubeconfig(SERVER, CA_PEM, "bob", new KubeconfigCredential.BearerToken("t0k3n-secret"));

    assertThat(withKey.toString()).contains("alice").doesNotContain("SECRETKEYBODY");
    assertThat(withToken.toString()).contains("bob").doesNotContain("t0k3n-secret");
  }

  private static String decoded(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
  }
}
