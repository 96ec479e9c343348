package dev.pinnipedjava.supervisor.oidcclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.supervisor.clientsecret.Bcrypt;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretDocument;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretStorage;
import dev.pinnipedjava.supervisor.secretstore.KubernetesSecretStore;
import dev.pinnipedjava.supervisor.storage.StorageSchema;
import dev.pinnipedjava.supervisor.testing.RunningSupervisor;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** OIDCClient status as the controller writes it, against a real API server. */
@WithKubeControlPlane
class OidcClientControllerIT {
  private static final String NAMESPACE = "supervisor-oidc-clients";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Bcrypt BCRYPT = new Bcrypt(new SecureRandom());
  private static final String GOOD_HASH = BCRYPT.hash("a-secret", Bcrypt.MIN_COST);
  private static final String CHEAP_HASH = BCRYPT.hash("a-secret", 10);
  private static final ResourceDefinitionContext OIDC_CLIENTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("config.supervisor.pinniped.dev")
          .withVersion("v1alpha1")
          .withKind("OIDCClient")
          .withPlural("oidcclients")
          .withNamespaced(true)
          .build();

  private static KubernetesClient admin;
  private static RunningSupervisor supervisor;
  private static KubernetesSecretStore<ClientSecretDocument> store;

  @BeforeAll
  static void start(KubeControlPlane kube) {
    admin = kube.adminClient();
    supervisor = RunningSupervisor.start(admin, NAMESPACE);
    store =
        new KubernetesSecretStore<>(
            admin,
            NAMESPACE,
            ClientSecretStorage.TYPE,
            Clock.systemUTC(),
            StorageSchema.objectMapper());
  }

  @AfterAll
  static void stop() {
    supervisor.close();
  }

  record Case(
      String name,
      List<String> grants,
      List<String> scopes,
      @Nullable List<String> hashes,
      String wantPhase,
      int wantTotal,
      Map<String, String> wantConditions) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Map<String, String> conditions(String grants, String scopes, String secrets) {
    Map<String, String> conditions = new LinkedHashMap<>();
    conditions.put("AllowedGrantTypesValid", grants);
    conditions.put("AllowedScopesValid", scopes);
    conditions.put("ClientSecretExists", secrets);
    return conditions;
  }

  static Stream<Case> cases() {
    String ok = "True/Success";
    return Stream.of(
        new Case(
            "valid with two secrets",
            List.of("authorization_code", "refresh_token"),
            List.of("openid", "offline_access", "username", "groups"),
            List.of(GOOD_HASH, GOOD_HASH),
            "Ready",
            2,
            conditions(ok, ok, ok)),
        new Case(
            "no secret yet",
            List.of("authorization_code"),
            List.of("openid"),
            null,
            "Error",
            0,
            conditions(ok, ok, "False/NoClientSecretFound")),
        new Case(
            "secret below the minimum cost",
            List.of("authorization_code"),
            List.of("openid"),
            List.of(CHEAP_HASH),
            "Error",
            0,
            conditions(ok, ok, "False/InvalidClientSecretFound")),
        new Case(
            "grants and scopes that need each other",
            List.of("authorization_code", "urn:ietf:params:oauth:grant-type:token-exchange"),
            List.of("openid", "offline_access"),
            List.of(GOOD_HASH),
            "Error",
            0,
            conditions("False/MissingRequiredValue", "False/MissingRequiredValue", ok)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesStatus(Case test) {
    String name = "client.oauth.pinniped.dev-" + test.name().replace(' ', '-');
    GenericKubernetesResource client =
        admin
            .resource(
                new GenericKubernetesResourceBuilder()
                    .withApiVersion("config.supervisor.pinniped.dev/v1alpha1")
                    .withKind("OIDCClient")
                    .withNewMetadata()
                    .withNamespace(NAMESPACE)
                    .withName(name)
                    .endMetadata()
                    .withAdditionalProperties(
                        Map.of(
                            "spec",
                            Map.of(
                                "allowedRedirectURIs", List.of("https://app.example.com/callback"),
                                "allowedGrantTypes", test.grants(),
                                "allowedScopes", test.scopes())))
                    .build())
            .create();
    if (test.hashes() != null) {
      store.create(
          ClientSecretStorage.signature(client.getMetadata().getUid()),
          ClientSecretDocument.of(test.hashes()),
          Map.of(),
          List.of(
              new OwnerReferenceBuilder()
                  .withApiVersion(client.getApiVersion())
                  .withKind("OIDCClient")
                  .withName(name)
                  .withUid(client.getMetadata().getUid())
                  .build()),
          null);
    }

    await(name + " status")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode status =
                  JSON.valueToTree(
                          admin
                              .genericKubernetesResources(OIDC_CLIENTS)
                              .inNamespace(NAMESPACE)
                              .withName(name)
                              .get())
                      .path("status");
              assertThat(status.path("phase").asText()).isEqualTo(test.wantPhase());
              assertThat(status.path("totalClientSecrets").asInt()).isEqualTo(test.wantTotal());
              Map<String, String> conditions = new LinkedHashMap<>();
              for (JsonNode condition : status.path("conditions")) {
                conditions.put(
                    condition.path("type").asText(),
                    condition.path("status").asText() + "/" + condition.path("reason").asText());
                assertThat(condition.path("observedGeneration").asLong()).isEqualTo(1);
              }
              assertThat(conditions).isEqualTo(test.wantConditions());
            });
  }
}
