package dev.pinnipedjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.pki.Pem;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithKubeControlPlane
class KubeControlPlaneIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubeControlPlane controlPlane;

  KubeControlPlaneIT(KubeControlPlane controlPlane) {
    this.controlPlane = controlPlane;
  }

  @Test
  void apiServerAnswersWithThePinnedVersion() throws IOException {
    KubectlResult version =
        controlPlane
            .kubectl(controlPlane.adminKubeconfig(), "version", "-o", "json")
            .assertSuccess();

    assertThat(JSON.readTree(version.stdout()).at("/serverVersion/gitVersion").asText())
        .isEqualTo("v1.34.4");
    assertThat(controlPlane.version()).isEqualTo("v1.34.4");
    assertThat(controlPlane.adminClient().getKubernetesVersion().getGitVersion())
        .isEqualTo("v1.34.4");
    assertThat(controlPlane.apiServerUrl().getHost()).isEqualTo("127.0.0.1");
    assertThat(controlPlane.binariesDirectory().resolve("kubectl")).isExecutable();
    assertThat(controlPlane.runDirectory()).isDirectory();
  }

  @Test
  void adminIsInSystemMasters() throws IOException {
    JsonNode user = whoami(controlPlane.adminKubeconfig());

    assertThat(user.path("username").asText()).isEqualTo("admin");
    assertThat(groups(user)).contains("system:masters", "system:authenticated");
  }

  @Test
  void mintedCertificateAuthenticatesAliceAndRbacDecidesWhatSheMayDo() throws IOException {
    Path alice = controlPlane.writeUserKubeconfig("alice", List.of("devs"));

    JsonNode user = whoami(alice);
    assertThat(user.path("username").asText()).isEqualTo("alice");
    assertThat(groups(user)).containsExactlyInAnyOrder("devs", "system:authenticated");

    KubectlResult denied = controlPlane.kubectl(alice, "get", "pods", "-n", "default");
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.stderr()).contains("forbidden", "\"alice\"");

    KubernetesClient admin = controlPlane.adminClient();
    admin
        .rbac()
        .roles()
        .inNamespace("default")
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("pod-reader")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("pods")
                .withVerbs("get", "list")
                .endRule()
                .build())
        .serverSideApply();
    admin
        .rbac()
        .roleBindings()
        .inNamespace("default")
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("devs-read-pods")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "pod-reader")
                .addNewSubject()
                .withKind("Group")
                .withApiGroup("rbac.authorization.k8s.io")
                .withName("devs")
                .endSubject()
                .build())
        .serverSideApply();

    // The RBAC authorizer reads bindings from an informer, so the grant lands a moment later.
    await("alice may list pods")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> controlPlane.kubectl(alice, "get", "pods", "-n", "default").assertSuccess());
    try (KubernetesClient asAlice =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(alice)))
            .build()) {
      assertThat(asAlice.pods().inNamespace("default").list().getItems()).isEmpty();
    }
  }

  @Test
  void staticTokenAuthenticatesAsStaticUser() throws IOException {
    Path kubeconfig =
        controlPlane.writeTokenKubeconfig("static-user", controlPlane.staticUserToken());

    JsonNode user = whoami(kubeconfig);

    assertThat(user.path("username").asText()).isEqualTo("static-user");
    assertThat(groups(user)).contains("static-group", "system:authenticated");
  }

  @Test
  void unknownTokenIsRejected() {
    Path kubeconfig = controlPlane.writeTokenKubeconfig("stranger", "not-a-known-token");

    KubectlResult result = controlPlane.kubectl(kubeconfig, "auth", "whoami");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("Unauthorized");
  }

  @Test
  void serviceAccountTokensAreSignedAndAccepted() throws IOException {
    controlPlane
        .adminClient()
        .serviceAccounts()
        .inNamespace("default")
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("robot").endMetadata().build())
        .serverSideApply();
    String token =
        controlPlane
            .kubectl(controlPlane.adminKubeconfig(), "create", "token", "robot", "-n", "default")
            .assertSuccess()
            .stdout()
            .strip();

    JsonNode user = whoami(controlPlane.writeTokenKubeconfig("robot", token));

    assertThat(user.path("username").asText()).isEqualTo("system:serviceaccount:default:robot");
  }

  @Test
  void aggregatedServersFindTheRequestHeaderSettings() throws IOException {
    ConfigMap authentication =
        controlPlane
            .adminClient()
            .configMaps()
            .inNamespace("kube-system")
            .withName("extension-apiserver-authentication")
            .get();

    assertThat(authentication).as("extension-apiserver-authentication in kube-system").isNotNull();
    Map<String, String> data = authentication.getData();
    assertThat(Pem.decodeCertificates(entry(data, "requestheader-client-ca-file")))
        .containsExactly(controlPlane.frontProxyCa().certificate());
    assertThat(Pem.decodeCertificates(entry(data, "client-ca-file")))
        .containsExactly(controlPlane.clientCa().certificate());
    assertThat(strings(entry(data, "requestheader-allowed-names")))
        .containsExactly("front-proxy-client");
    assertThat(strings(entry(data, "requestheader-username-headers")))
        .containsExactly("X-Remote-User");
    assertThat(strings(entry(data, "requestheader-group-headers")))
        .containsExactly("X-Remote-Group");
    assertThat(strings(entry(data, "requestheader-extra-headers-prefix")))
        .containsExactly("X-Remote-Extra-");
  }

  @Test
  void kubectlReadsStdin() {
    String manifest =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: from-stdin
          namespace: default
        data:
          greeting: hello
        """;

    controlPlane
        .kubectl(controlPlane.adminKubeconfig(), manifest, List.of("apply", "-f", "-"))
        .assertSuccess();

    ConfigMap created =
        controlPlane.adminClient().configMaps().inNamespace("default").withName("from-stdin").get();
    assertThat(created.getData()).containsEntry("greeting", "hello");
  }

  @Test
  void failedKubectlShowsItsStderr() {
    KubectlResult result =
        controlPlane.kubectl(controlPlane.adminKubeconfig(), "get", "no-such-resource-type");

    assertThat(result.succeeded()).isFalse();
    assertThatThrownBy(result::assertSuccess)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no-such-resource-type");
  }

  private static String entry(Map<String, String> data, String key) {
    String value = data.get(key);
    if (value == null) {
      throw new AssertionError("extension-apiserver-authentication lacks " + key + ": " + data);
    }
    return value;
  }

  private JsonNode whoami(Path kubeconfig) throws IOException {
    KubectlResult result =
        controlPlane.kubectl(kubeconfig, "auth", "whoami", "-o", "json").assertSuccess();
    return JSON.readTree(result.stdout()).path("status").path("userInfo");
  }

  private static List<String> groups(JsonNode userInfo) {
    List<String> groups = new ArrayList<>();
    userInfo.path("groups").forEach(group -> groups.add(group.asText()));
    return groups;
  }

  private static List<String> strings(String jsonArray) throws IOException {
    List<String> values = new ArrayList<>();
    JSON.readTree(jsonArray).forEach(value -> values.add(value.asText()));
    return values;
  }
}
