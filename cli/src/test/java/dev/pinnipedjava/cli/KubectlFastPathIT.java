package dev.pinnipedjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.cli.testing.FakeConcierge;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubectlResult;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl runs {@code login static} through the Concierge twice against a real
 * kube-apiserver: the first run starts the JVM and exchanges the token for a client certificate;
 * the second is answered by the launcher's fast path, which is proven by giving it a java that
 * cannot start and by the Concierge seeing no second request.
 */
@WithKubeControlPlane
class KubectlFastPathIT {

  @TempDir Path temp;

  @Test
  void theSecondKubectlCallIsAnsweredWithoutTheJvmOrTheConcierge(KubeControlPlane controlPlane)
      throws IOException {
    try (FakeConcierge concierge =
        FakeConcierge.issuingCertificates(Clock.systemUTC(), controlPlane.clientCa())) {
      kubectlTwice(controlPlane, concierge);
    }
  }

  private void kubectlTwice(KubeControlPlane controlPlane, FakeConcierge concierge)
      throws IOException {
    Path noJvm = LauncherProcess.withoutJvm(temp.resolve("no-jvm"));

    KubectlResult first =
        controlPlane.kubectl(
            kubeconfig(controlPlane, concierge, "first.yaml", LauncherProcess.realJavaHome()),
            "auth",
            "whoami",
            "-o",
            "json");
    KubectlResult second =
        controlPlane.kubectl(
            kubeconfig(controlPlane, concierge, "second.yaml", noJvm),
            "auth",
            "whoami",
            "-o",
            "json");

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(username(first)).isEqualTo(FakeConcierge.USERNAME);
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.stderr()).doesNotContain(LauncherProcess.JVM_STARTED_MESSAGE);
    assertThat(username(second)).isEqualTo(FakeConcierge.USERNAME);
    assertThat(concierge.requestCount()).as("requests at the Concierge").isEqualTo(1);
  }

  private static String username(KubectlResult result) throws IOException {
    JsonNode review = new ObjectMapper().readTree(result.stdout());
    return review.path("status").path("userInfo").path("username").asText();
  }

  /** The kubeconfig get kubeconfig would write for a static token, with the given JAVA_HOME. */
  private Path kubeconfig(
      KubeControlPlane controlPlane, FakeConcierge concierge, String name, Path javaHome)
      throws IOException {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    Path plugin = bin.resolve("pinniped-java");
    if (!Files.exists(plugin)) {
      Files.createSymbolicLink(plugin, Distribution.launcher());
    }
    Path kubeconfig = temp.resolve(name);
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        current-context: pinniped
        clusters:
        - name: local
          cluster:
            server: %s
            certificate-authority-data: %s
        contexts:
        - name: pinniped
          context: {cluster: local, user: pinniped}
        users:
        - name: pinniped
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: %s
              args:
              - login
              - static
              - --enable-concierge
              - --concierge-authenticator-type=webhook
              - --concierge-authenticator-name=my-webhook
              - --concierge-endpoint=%s
              - --concierge-ca-bundle-data=%s
              - --token-env=PINNIPED_TEST_TOKEN
              env:
              - {name: PINNIPED_TEST_TOKEN, value: "%s"}
              - {name: XDG_CONFIG_HOME, value: "%s"}
              - {name: JAVA_HOME, value: "%s"}
              provideClusterInfo: true
        """
            .formatted(
                controlPlane.apiServerUrl(),
                Base64.getEncoder()
                    .encodeToString(
                        controlPlane.servingCaPem().getBytes(StandardCharsets.US_ASCII)),
                plugin,
                concierge.server().url(),
                concierge.server().caBase64(),
                FakeConcierge.GOOD_TOKEN,
                temp.resolve("config"),
                javaHome));
    return kubeconfig;
  }
}
