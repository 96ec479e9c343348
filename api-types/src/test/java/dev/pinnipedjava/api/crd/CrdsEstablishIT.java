package dev.pinnipedjava.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed CRD installs into a real API server the way deploy/README.md tells users to
 * (kubectl apply of the crds/ directories) and becomes Established.
 */
@WithKubeControlPlane
class CrdsEstablishIT {
  @BeforeAll
  static void applyWithKubectlAsTheReadmeSays(KubeControlPlane controlPlane) {
    for (Path directory : DeployedCrds.directories()) {
      controlPlane
          .kubectl(
              controlPlane.adminKubeconfig(), "apply", "--server-side", "-f", directory.toString())
          .assertSuccess();
    }
  }

  static Stream<Path> crdFiles() {
    return DeployedCrds.files().stream();
  }

  @Test
  void bothComponentsShipTheirCrds() {
    assertThat(crdFiles().map(file -> file.getFileName().toString()))
        .containsExactlyInAnyOrder(
            "jwtauthenticators.authentication.concierge.pinniped.dev.yaml",
            "webhookauthenticators.authentication.concierge.pinniped.dev.yaml",
            "credentialissuers.config.concierge.pinniped.dev.yaml",
            "federationdomains.config.supervisor.pinniped.dev.yaml",
            "oidcclients.config.supervisor.pinniped.dev.yaml",
            "oidcidentityproviders.idp.supervisor.pinniped.dev.yaml",
            "ldapidentityproviders.idp.supervisor.pinniped.dev.yaml",
            "activedirectoryidentityproviders.idp.supervisor.pinniped.dev.yaml",
            "githubidentityproviders.idp.supervisor.pinniped.dev.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crdFiles")
  void crdBecomesEstablished(Path file, KubeControlPlane controlPlane) {
    CustomResourceDefinition crd = DeployedCrds.read(file);

    await(crd.getMetadata().getName() + " established")
        .atMost(DeployedCrds.ESTABLISH_TIMEOUT)
        .until(
            () ->
                DeployedCrds.isEstablished(
                    controlPlane.adminClient(), crd.getMetadata().getName()));
    assertThat(file.getFileName().toString()).isEqualTo(crd.getMetadata().getName() + ".yaml");
  }

  @Test
  void everyKindIsInThePinnipedCategory(KubeControlPlane controlPlane) {
    await("discovery lists the pinniped category")
        .atMost(DeployedCrds.ESTABLISH_TIMEOUT)
        .untilAsserted(
            () -> {
              String stdout =
                  controlPlane
                      .kubectl(
                          controlPlane.adminKubeconfig(),
                          "api-resources",
                          "--categories=pinniped",
                          "-o",
                          "name")
                      .assertSuccess()
                      .stdout();
              List<String> resources = Arrays.asList(stdout.strip().split("\\s+"));
              assertThat(resources)
                  .containsExactlyInAnyOrder(
                      "jwtauthenticators.authentication.concierge.pinniped.dev",
                      "webhookauthenticators.authentication.concierge.pinniped.dev",
                      "credentialissuers.config.concierge.pinniped.dev",
                      "federationdomains.config.supervisor.pinniped.dev",
                      "oidcclients.config.supervisor.pinniped.dev",
                      "oidcidentityproviders.idp.supervisor.pinniped.dev",
                      "ldapidentityproviders.idp.supervisor.pinniped.dev",
                      "activedirectoryidentityproviders.idp.supervisor.pinniped.dev",
                      "githubidentityproviders.idp.supervisor.pinniped.dev");
            });
  }

  @Test
  void authenticatorsAndIdentityProvidersHaveTheirOwnCategories(KubeControlPlane controlPlane) {
    await("discovery lists the narrower categories")
        .atMost(DeployedCrds.ESTABLISH_TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(resourcesIn(controlPlane, "pinniped-authenticators"))
                  .containsExactlyInAnyOrder(
                      "jwtauthenticators.authentication.concierge.pinniped.dev",
                      "webhookauthenticators.authentication.concierge.pinniped.dev");
              assertThat(resourcesIn(controlPlane, "pinniped-idp"))
                  .containsExactlyInAnyOrder(
                      "oidcidentityproviders.idp.supervisor.pinniped.dev",
                      "ldapidentityproviders.idp.supervisor.pinniped.dev",
                      "activedirectoryidentityproviders.idp.supervisor.pinniped.dev",
                      "githubidentityproviders.idp.supervisor.pinniped.dev");
            });
  }

  private static List<String> resourcesIn(KubeControlPlane controlPlane, String category) {
    String stdout =
        controlPlane
            .kubectl(
                controlPlane.adminKubeconfig(),
                "api-resources",
                "--categories=" + category,
                "-o",
                "name")
            .assertSuccess()
            .stdout();
    return Arrays.asList(stdout.strip().split("\\s+"));
  }
}
