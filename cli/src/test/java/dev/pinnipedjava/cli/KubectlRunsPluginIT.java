package dev.pinnipedjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubectlResult;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real kubectl runs the built launcher as its credential plugin, through a symlink, against a
 * real kube-apiserver that accepts the static token of user static-user.
 */
@WithKubeControlPlane
class KubectlRunsPluginIT {

  @TempDir Path temp;

  record Case(String name, String apiVersion, String extraExecFields) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "v1beta1, as Pinniped's kubeconfigs ask",
            "client.authentication.k8s.io/v1beta1",
            "provideClusterInfo: true"),
        new Case(
            "v1, which Pinniped's CLI cannot answer",
            "client.authentication.k8s.io/v1",
            "interactiveMode: Never"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void kubectlAuthenticatesAsTheStaticUser(Case c, KubeControlPlane controlPlane)
      throws IOException {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    Path plugin = Files.createSymbolicLink(bin.resolve("pinniped-java"), Distribution.launcher());
    Path kubeconfig = temp.resolve("kubeconfig.yaml");
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
              apiVersion: %s
              command: %s
              args: [login, static, --token-env=PINNIPED_TEST_TOKEN]
              env:
              - {name: PINNIPED_TEST_TOKEN, value: "%s"}
              - {name: XDG_CONFIG_HOME, value: "%s"}
              - {name: JAVA_HOME, value: "%s"}
              %s
        """
            .formatted(
                controlPlane.apiServerUrl(),
                Base64.getEncoder()
                    .encodeToString(
                        controlPlane.servingCaPem().getBytes(StandardCharsets.US_ASCII)),
                c.apiVersion(),
                plugin,
                controlPlane.staticUserToken(),
                temp.resolve("config"),
                System.getProperty("java.home"),
                c.extraExecFields()));

    KubectlResult result = controlPlane.kubectl(kubeconfig, "auth", "whoami", "-o", "json");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonNode review = new ObjectMapper().readTree(result.stdout());
    assertThat(review.path("status").path("userInfo").path("username").asText())
        .isEqualTo("static-user");
    assertThat(review.path("status").path("userInfo").path("groups").toString())
        .contains("static-group");
  }
}
