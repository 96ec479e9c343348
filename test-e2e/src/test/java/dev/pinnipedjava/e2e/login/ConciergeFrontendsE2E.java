package dev.pinnipedjava.e2e.login;

import static dev.pinnipedjava.e2e.login.UserShell.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.e2e.stack.LocalStack;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Concierge's ways in: whoami through the impersonation proxy, and {@code login static} with a
 * JWT of Dex exchanged by TokenCredentialRequest.
 */
@WithKubeControlPlane
@ExtendWith(LocalStackExtension.class)
class ConciergeFrontendsE2E extends UserMachine {

  @Test
  void whoamiThroughTheImpersonationProxy() {
    Path kubeconfig =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_A,
            "--upstream-identity-provider-flow",
            "cli_password",
            "--concierge-mode",
            "ImpersonationProxy");
    assertThat(
            readKubeconfig(kubeconfig)
                .path("clusters")
                .path(0)
                .path("cluster")
                .path("server")
                .asText())
        .isEqualTo("https://127.0.0.1:" + stack.impersonationProxyPort());

    Outcome whoami = withPassword().run(command(cli, "whoami", "--kubeconfig", kubeconfig));
    assertThat(whoami.succeeded()).as(whoami.toString()).isTrue();
    assertThat(whoami.stdout()).contains(LocalStackExtension.USER.email());

    Outcome namespaces =
        shell.run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    assertThat(namespaces.succeeded()).as(namespaces.toString()).isTrue();
  }

  @Test
  void autodiscoveryChoosesTheClustersOwnSigningCertificate() {
    Path kubeconfig =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_A, "--upstream-identity-provider-flow", "cli_password");

    JsonNode cluster = readKubeconfig(kubeconfig).path("clusters").path(0).path("cluster");
    assertThat(cluster.path("server").asText()).isEqualTo(kube.apiServerUrl().toString());
    Outcome namespaces =
        withPassword().run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    assertThat(namespaces.succeeded()).as(namespaces.toString()).isTrue();
  }

  @Test
  void loginStaticWithAnIdTokenOfDexThroughTheConcierge() throws Exception {
    String authenticator = "dex-direct";
    String clientId = "supervisor-" + LocalStackExtension.DEX;
    stack
        .adminClient()
        .resource(
            new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion("authentication.concierge.pinniped.dev/v1alpha1")
                .withKind("JWTAuthenticator")
                .withNewMetadata()
                .withName(authenticator)
                .endMetadata()
                .withAdditionalProperties(
                    Map.of(
                        "spec",
                        Map.of(
                            "issuer", stack.dex().issuer().toString(),
                            "audience", clientId,
                            "claims", Map.of("username", "email"),
                            "tls",
                                Map.of(
                                    "certificateAuthorityData",
                                    Base64.getEncoder()
                                        .encodeToString(
                                            stack
                                                .dex()
                                                .caPem()
                                                .getBytes(StandardCharsets.UTF_8))))))
                .build())
        .serverSideApply();
    await("JWTAuthenticator " + authenticator + " Ready")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              GenericKubernetesResource object =
                  stack
                      .adminClient()
                      .genericKubernetesResources(
                          "authentication.concierge.pinniped.dev/v1alpha1", "JWTAuthenticator")
                      .withName(authenticator)
                      .get();
              return object != null && "Ready".equals(object.get("status", "phase"));
            });
    String idToken = dexIdToken(clientId);
    Path kubeconfig = temp.resolve("static.yaml");
    Outcome written =
        shell.run(
            command(
                cli,
                "get",
                "kubeconfig",
                "--kubeconfig",
                kube.adminKubeconfig(),
                "--static-token",
                idToken,
                "--concierge-authenticator-type",
                "jwt",
                "--concierge-authenticator-name",
                authenticator,
                "--credential-cache",
                temp.resolve("credentials.yaml")));
    assertThat(written.succeeded()).as(written.toString()).isTrue();
    Files.writeString(kubeconfig, written.stdout());

    Outcome whoami = shell.run(command(cli, "whoami", "--kubeconfig", kubeconfig));
    assertThat(whoami.succeeded()).as(whoami.toString()).isTrue();
    assertThat(whoami.stdout()).contains(LocalStackExtension.USER.email());
    Outcome namespaces =
        shell.run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    assertThat(namespaces.succeeded()).as(namespaces.toString()).isTrue();
  }

  /** An ID token of Dex for the user, from Dex's password grant. */
  private static String dexIdToken(String clientId) throws Exception {
    Secret client =
        stack
            .adminClient()
            .secrets()
            .inNamespace(LocalStack.SUPERVISOR_NAMESPACE)
            .withName(LocalStackExtension.DEX + "-client")
            .get();
    String secret =
        new String(
            Base64.getDecoder().decode(client.getData().get("clientSecret")),
            StandardCharsets.UTF_8);
    HttpClient http = HttpClient.newBuilder().sslContext(stack.dex().clientTlsContext()).build();
    String form =
        "grant_type=password&scope=openid+email&username="
            + URLEncoder.encode(LocalStackExtension.USER.email(), StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(LocalStackExtension.PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(stack.dex().issuer() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("id_token").asText();
  }
}
