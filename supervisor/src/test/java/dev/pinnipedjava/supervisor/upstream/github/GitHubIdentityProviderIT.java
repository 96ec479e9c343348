package dev.pinnipedjava.supervisor.upstream.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.supervisor.testing.RunningSupervisor;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Supervisor's GitHubIdentityProvider controller against a real API server: the CRD's defaults
 * applied, the six conditions and the phase written to the status, and a change to the client
 * Secret seen.
 */
@WithKubeControlPlane
class GitHubIdentityProviderIT {
  private static final String NAMESPACE = "github-idp-it";

  private static KubernetesClient client;
  private static RunningSupervisor supervisor;
  private static FakeGitHub github;

  @BeforeAll
  static void start(KubeControlPlane controlPlane) {
    client = controlPlane.adminClient();
    supervisor = RunningSupervisor.start(client, NAMESPACE);
    github = FakeGitHub.start();
  }

  @AfterAll
  static void stop() {
    if (supervisor != null) {
      supervisor.close();
    }
    if (github != null) {
      github.close();
    }
  }

  private static Resource<GenericKubernetesResource> identityProvider(String name) {
    return client
        .genericKubernetesResources(
            "idp.supervisor.pinniped.dev/v1alpha1", "GitHubIdentityProvider")
        .inNamespace(NAMESPACE)
        .withName(name);
  }

  @Test
  void becomesReadyWithDefaultsAndFollowsItsClientSecret() {
    client
        .resource(
            GitHubUpstreamControllerTest.secret(
                "github-client",
                GitHubUpstreamController.CLIENT_SECRET_TYPE,
                Map.of("clientID", FakeGitHub.CLIENT_ID, "clientSecret", FakeGitHub.CLIENT_SECRET)))
        .inNamespace(NAMESPACE)
        .create();
    client
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("idp.supervisor.pinniped.dev/v1alpha1")
                .withKind("GitHubIdentityProvider")
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName("github")
                .endMetadata()
                .withAdditionalProperties(
                    Map.of(
                        "spec",
                        Map.of(
                            "githubAPI",
                            Map.of(
                                "host",
                                github.host(),
                                "tls",
                                Map.of("certificateAuthorityData", github.caBase64())),
                            "allowAuthentication",
                            Map.of("organizations", Map.of("allowed", List.of("pinniped-org"))),
                            "client",
                            Map.of("secretName", "github-client"))))
                .build())
        .create();

    await("GitHubIdentityProvider ready")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(phase(identityProvider("github").get())).isEqualTo("Ready"));
    GenericKubernetesResource ready = identityProvider("github").get();
    assertThat(ready.<Object>get("spec", "claims", "username")).isEqualTo("login:id");
    assertThat(ready.<Object>get("spec", "claims", "groups")).isEqualTo("slug");
    assertThat(ready.<Object>get("spec", "allowAuthentication", "organizations", "policy"))
        .isEqualTo("OnlyUsersFromAllowedOrganizations");
    assertThat(conditions(ready))
        .containsEntry("ClientCredentialsSecretValid", "True")
        .containsEntry("ClaimsValid", "True")
        .containsEntry("OrganizationsPolicyValid", "True")
        .containsEntry("HostValid", "True")
        .containsEntry("TLSConfigurationValid", "True")
        .containsEntry("GitHubConnectionValid", "True")
        .hasSize(6);

    client.secrets().inNamespace(NAMESPACE).withName("github-client").delete();

    await("GitHubIdentityProvider in error without its client Secret")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              GenericKubernetesResource current = identityProvider("github").get();
              assertThat(phase(current)).isEqualTo("Error");
              assertThat(conditions(current))
                  .containsEntry("ClientCredentialsSecretValid", "False");
            });
  }

  private static String phase(GenericKubernetesResource resource) {
    return String.valueOf(resource.<Object>get("status", "phase"));
  }

  private static Map<String, String> conditions(GenericKubernetesResource resource) {
    List<Map<String, Object>> conditions = resource.get("status", "conditions");
    java.util.Map<String, String> byType = new java.util.TreeMap<>();
    for (Map<String, Object> condition : conditions) {
      byType.put(String.valueOf(condition.get("type")), String.valueOf(condition.get("status")));
    }
    return byType;
  }
}
