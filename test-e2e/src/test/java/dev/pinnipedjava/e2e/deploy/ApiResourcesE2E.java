package dev.pinnipedjava.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubectlResult;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once the CRDs are installed, kubectl knows our kinds as Pinniped's users know them: same resource
 * names, scope, short names and categories, so {@code kubectl get pinniped} lists them all.
 */
@WithKubeControlPlane
class ApiResourcesE2E {

  private static final DeployDirectory DEPLOY = DeployDirectory.find();
  private static final String AUTHENTICATORS = "pinniped-authenticator,pinniped-authenticators";
  private static final String IDPS = "pinniped-idp,pinniped-idps";

  /** A kind as Pinniped serves it; categories are comma-separated. */
  record Kind(String kind, String resource, boolean namespaced, String categories) {
    @Override
    public String toString() {
      return kind + " (" + resource + ")";
    }

    List<String> categoryList() {
      return List.of(categories.split(","));
    }
  }

  static Stream<Kind> kinds() {
    return Stream.of(
        new Kind(
            "JWTAuthenticator",
            "jwtauthenticators.authentication.concierge.pinniped.dev",
            false,
            "pinniped," + AUTHENTICATORS),
        new Kind(
            "WebhookAuthenticator",
            "webhookauthenticators.authentication.concierge.pinniped.dev",
            false,
            "pinniped," + AUTHENTICATORS),
        new Kind(
            "CredentialIssuer",
            "credentialissuers.config.concierge.pinniped.dev",
            false,
            "pinniped"),
        new Kind(
            "FederationDomain",
            "federationdomains.config.supervisor.pinniped.dev",
            true,
            "pinniped"),
        new Kind("OIDCClient", "oidcclients.config.supervisor.pinniped.dev", true, "pinniped"),
        new Kind(
            "OIDCIdentityProvider",
            "oidcidentityproviders.idp.supervisor.pinniped.dev",
            true,
            "pinniped," + IDPS),
        new Kind(
            "LDAPIdentityProvider",
            "ldapidentityproviders.idp.supervisor.pinniped.dev",
            true,
            "pinniped," + IDPS),
        new Kind(
            "ActiveDirectoryIdentityProvider",
            "activedirectoryidentityproviders.idp.supervisor.pinniped.dev",
            true,
            "pinniped," + IDPS),
        new Kind(
            "GitHubIdentityProvider",
            "githubidentityproviders.idp.supervisor.pinniped.dev",
            true,
            "pinniped," + IDPS));
  }

  @BeforeAll
  static void installCrds(KubeControlPlane kube) {
    Installation.crds(new AdminKubectl(kube), DEPLOY);
  }

  @Test
  void deployHoldsACrdForEveryKindAndNoOther() {
    List<String> crds =
        Manifests.load(DEPLOY.crdFiles()).ofKind("CustomResourceDefinition").stream()
            .map(ManifestObject::name)
            .toList();

    assertThat(crds).containsExactlyInAnyOrderElementsOf(kinds().map(Kind::resource).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void apiResourcesListsKindWithItsScopeShortNamesAndCategories(Kind k, KubeControlPlane kube) {
    String group = k.resource().substring(k.resource().indexOf('.') + 1);
    String plural = k.resource().substring(0, k.resource().indexOf('.'));
    AdminKubectl kubectl = new AdminKubectl(kube);

    JsonNode listed =
        Awaitility.await("kubectl api-resources lists " + k.resource())
            .atMost(Duration.ofSeconds(30))
            .until(() -> apiResource(kubectl, group, plural), Optional::isPresent)
            .orElseThrow();

    assertThat(listed.path("kind").asText()).isEqualTo(k.kind());
    assertThat(listed.path("namespaced").asBoolean()).as("namespaced").isEqualTo(k.namespaced());
    assertThat(texts(listed.path("categories")))
        .containsExactlyInAnyOrderElementsOf(k.categoryList());
    assertThat(texts(listed.path("shortNames")))
        .as("short names, as the CRD declares them")
        .containsExactlyInAnyOrderElementsOf(shortNamesInCrd(k.resource()));
  }

  @Test
  void pinnipedCategoryHoldsEveryKind(KubeControlPlane kube) {
    AdminKubectl kubectl = new AdminKubectl(kube);

    String listed = kubectl.succeed("api-resources", "--categories=pinniped", "-o", "name");

    // Other tests may install copies under another API group suffix into the shared API server.
    assertThat(listed.lines().filter(r -> r.endsWith(".pinniped.dev")).toList())
        .containsExactlyInAnyOrderElementsOf(kinds().map(Kind::resource).toList());
  }

  @ParameterizedTest(name = "kubectl get {0}")
  @ValueSource(strings = {"pinniped", "pinniped-authenticators", "pinniped-idps"})
  void getByCategoryWorksAndFindsNothingYet(String category, KubeControlPlane kube) {
    AdminKubectl kubectl = new AdminKubectl(kube);

    // kubectl expands categories from its discovery cache, which may predate the CRDs; the failed
    // lookup refreshes the cache, so the next run sees them, as an admin's second try would.
    KubectlResult result =
        Awaitility.await("kubectl get " + category + " succeeds")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> kubectl.run("get", category, "--all-namespaces"), r -> r.exitCode() == 0);

    assertThat(result.exitCode()).as("exit code; stderr:%n%s", result.stderr()).isZero();
    assertThat(result.stdout()).isBlank();
    assertThat(result.stderr()).contains("No resources found");
  }

  private static Optional<JsonNode> apiResource(AdminKubectl kubectl, String group, String plural) {
    JsonNode list =
        Manifests.parseYaml(kubectl.succeed("api-resources", "--api-group=" + group, "-o", "json"));
    for (JsonNode resource : list.path("resources")) {
      if (resource.path("name").asText().equals(plural)) {
        return Optional.of(resource);
      }
    }
    return Optional.empty();
  }

  private static List<String> shortNamesInCrd(String name) {
    ManifestObject crd = Manifests.load(DEPLOY.crdFiles()).get("CustomResourceDefinition", name);
    return texts(crd.body().at("/spec/names/shortNames"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }
}
