package dev.pinnipedjava.concierge.clusterfixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubectlResult;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Applies the repository's manifests and makes identities on a test control plane. */
public final class ClusterFixture {
  /** The Concierge's manifests, relative to the module. */
  public static final Path DEPLOY = Path.of("..", "deploy", "concierge");

  public static final String NAMESPACE = "pinniped-concierge";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterFixture() {}

  /** Creates or updates every document of a manifest file, after {@code change}. */
  public static void apply(
      KubernetesClient client, Path manifest, UnaryOperator<ObjectNode> change) {
    for (ObjectNode document : documents(manifest)) {
      serverSideApply(client, change.apply(document));
    }
  }

  /** Creates or updates every document of a manifest file. */
  public static void apply(KubernetesClient client, Path manifest) {
    apply(client, manifest, document -> document);
  }

  /** Creates or updates one object given as JSON or YAML. */
  public static void serverSideApply(KubernetesClient client, JsonNode document) {
    client
        .resource(
            client
                .getKubernetesSerialization()
                .convertValue(document, GenericKubernetesResource.class))
        .forceConflicts()
        .serverSideApply();
  }

  /**
   * Creates or replaces {@code kube-public/cluster-info} as kubeadm writes it: a kubeconfig naming
   * the API server and its CA.
   *
   * @return the CA as the kubeconfig holds it, base64 PEM
   */
  public static String putClusterInfo(KubeControlPlane kube) {
    String caData =
        Base64.getEncoder().encodeToString(kube.servingCaPem().getBytes(StandardCharsets.UTF_8));
    kube.adminClient()
        .configMaps()
        .inNamespace("kube-public")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cluster-info")
                .withNamespace("kube-public")
                .endMetadata()
                .withData(
                    Map.of(
                        "kubeconfig",
                        "apiVersion: v1\nkind: Config\nclusters:\n- name: \"\"\n  cluster:\n"
                            + "    server: "
                            + kube.apiServerUrl()
                            + "\n    certificate-authority-data: "
                            + caData
                            + "\n"))
                .build())
        .serverSideApply();
    return caData;
  }

  /**
   * The strategy of {@code type} in the status of CredentialIssuer {@code name}; an empty object
   * when there is none yet.
   */
  public static JsonNode credentialIssuerStrategy(
      KubernetesClient client, String name, String type) {
    GenericKubernetesResource issuer =
        client
            .genericKubernetesResources(
                "config.concierge.pinniped.dev/v1alpha1", "CredentialIssuer")
            .withName(name)
            .get();
    JsonNode status =
        issuer == null
            ? JSON.createObjectNode()
            : JSON.valueToTree(issuer.getAdditionalProperties().get("status"));
    for (JsonNode strategy : status.path("strategies")) {
      if (strategy.path("type").asText().equals(type)) {
        return strategy;
      }
    }
    return JSON.createObjectNode();
  }

  /** Creates or updates authenticator {@code name} of {@code kind} (JWTAuthenticator, ...). */
  public static void applyAuthenticator(
      KubernetesClient client, String kind, String name, Map<String, Object> spec) {
    serverSideApply(
        client,
        JSON.valueToTree(
            Map.of(
                "apiVersion",
                "authentication.concierge.pinniped.dev/v1alpha1",
                "kind",
                kind,
                "metadata",
                Map.of("name", name),
                "spec",
                spec)));
  }

  /** A TokenCredentialRequest for {@code token} naming authenticator {@code kind}/{@code name}. */
  public static String tokenCredentialRequest(String token, String kind, String name) {
    return JSON.createObjectNode()
        .put("apiVersion", "login.concierge.pinniped.dev/v1alpha1")
        .put("kind", "TokenCredentialRequest")
        .set(
            "spec",
            JSON.createObjectNode()
                .put("token", token)
                .set(
                    "authenticator",
                    JSON.createObjectNode()
                        .put("apiGroup", "authentication.concierge.pinniped.dev")
                        .put("kind", kind)
                        .put("name", name)))
        .toString();
  }

  /** What kubectl printed, as JSON. */
  public static JsonNode json(KubectlResult result) {
    try {
      return JSON.readTree(result.stdout());
    } catch (IOException e) {
      throw new AssertionError("kubectl printed no JSON: " + result.stdout(), e);
    }
  }

  /** Creates the Concierge's namespace when missing. */
  public static void ensureNamespace(KubernetesClient client, String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .serverSideApply();
  }

  /**
   * A client authenticated as a service account with a token from the TokenRequest API: code run
   * with it has exactly the grants of the manifests' RBAC.
   */
  public static KubernetesClient serviceAccountClient(
      KubeControlPlane kube, String namespace, String serviceAccount) {
    TokenRequest issued =
        kube.adminClient()
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(serviceAccount)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(Duration.ofHours(2).toSeconds())
                    .endSpec()
                    .build());
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(kube.apiServerUrl().toString())
            .withCaCertData(
                Base64.getEncoder()
                    .encodeToString(kube.servingCaPem().getBytes(StandardCharsets.US_ASCII)))
            .withOauthToken(issued.getStatus().getToken())
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * A kubeconfig the server treats as anonymous. kubectl prompts for a password when a user has no
   * credential at all, so this one has basic-auth credentials, which Kubernetes no longer supports
   * and ignores: the request arrives without an identity.
   */
  public static Path anonymousKubeconfig(String server, String caPem, Path file) {
    String yaml =
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: "
            + server
            + "\n    certificate-authority-data: "
            + Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII))
            + "\nusers:\n- name: anonymous\n  user:\n    username: anonymous\n"
            + "    password: ignored-by-kubernetes\n"
            + "contexts:\n- name: c\n  context:\n    cluster: c\n    user: anonymous\n"
            + "current-context: c\n";
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documents of a YAML manifest file. */
  public static List<ObjectNode> documents(Path manifest) {
    List<ObjectNode> documents = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(manifest.toFile())) {
      for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (document instanceof ObjectNode object) {
          documents.add(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifest, e);
    }
    return documents;
  }
}
