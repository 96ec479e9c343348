package dev.pinnipedjava.concierge.authenticator.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorKey;
import dev.pinnipedjava.concierge.authenticator.CaBundleSources;
import dev.pinnipedjava.concierge.authenticator.TokenAuthenticator;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.oidcissuer.TestOidcIssuer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JWTAuthenticator controller against a real kube-apiserver and the real CRD. */
@WithKubeControlPlane
class JwtAuthenticatorControllerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GROUP = "authentication.concierge.pinniped.dev";
  private static final ResourceDefinitionContext JWT_AUTHENTICATORS =
      new ResourceDefinitionContext.Builder()
          .withGroup(GROUP)
          .withVersion("v1alpha1")
          .withKind("JWTAuthenticator")
          .withPlural("jwtauthenticators")
          .withNamespaced(false)
          .build();

  private static KubernetesClient client;
  private static TestOidcIssuer issuer;
  private static final AuthenticatorCache CACHE = new AuthenticatorCache();
  private static CaBundleSources caBundleSources;
  private static JwtAuthenticatorController controller;

  @BeforeAll
  static void startController(KubeControlPlane kube) throws IOException {
    client = kube.adminClient();
    client
        .load(
            Files.newInputStream(
                Path.of(
                    "..",
                    "deploy",
                    "concierge",
                    "crds",
                    "jwtauthenticators.authentication.concierge.pinniped.dev.yaml")))
        .serverSideApply();
    await("CRD established")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              try {
                client.genericKubernetesResources(JWT_AUTHENTICATORS).list();
                return true;
              } catch (RuntimeException e) {
                return false;
              }
            });
    issuer = TestOidcIssuer.start("/controller-it");
    caBundleSources = CaBundleSources.watching(client, "jwt-controller-it");
    controller =
        new JwtAuthenticatorController(
            client, ApiGroupSuffix.DEFAULT, CACHE, caBundleSources, Clock.systemUTC());
    controller.start();
  }

  @AfterAll
  static void stopController() {
    if (controller != null) {
      controller.close();
    }
    if (caBundleSources != null) {
      caBundleSources.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  @Test
  void validAuthenticatorBecomesReadyAndAuthenticates() {
    create("ready", spec(issuer.issuer(), "aud-ready"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(status("ready").path("phase").asText()).isEqualTo("Ready"));

    JsonNode status = status("ready");
    assertThat(status.path("conditions")).hasSize(7);
    status
        .path("conditions")
        .forEach(
            condition -> {
              assertThat(condition.path("status").asText())
                  .as(condition.toString())
                  .isEqualTo("True");
              assertThat(condition.path("observedGeneration").asLong()).isEqualTo(1);
            });
    assertThat(authenticate("ready", token("aud-ready")))
        .isInstanceOf(AuthenticationResult.Authenticated.class);
  }

  @Test
  void invalidAuthenticatorIsAnErrorAndNeverCached() {
    // The CRD already refuses http issuers; a fragment is for the controller to catch.
    create("fragment-issuer", spec(issuer.issuer() + "#fragment", "aud"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(status("fragment-issuer").path("phase").asText()).isEqualTo("Error"));

    JsonNode issuerCondition = condition(status("fragment-issuer"), "IssuerURLValid");
    assertThat(issuerCondition.path("status").asText()).isEqualTo("False");
    assertThat(issuerCondition.path("reason").asText())
        .isEqualTo("InvalidIssuerURLContainsFragment");
    assertThat(condition(status("fragment-issuer"), "Ready").path("reason").asText())
        .isEqualTo("NotReady");
    assertThat(condition(status("fragment-issuer"), "DiscoveryURLValid").path("status").asText())
        .isEqualTo("Unknown");
    assertThat(CACHE.get(key("fragment-issuer"))).isEmpty();
  }

  @Test
  void specChangesArePublishedAndBreakingChangesWithdrawTheAuthenticator() {
    create("changing", spec(issuer.issuer(), "first-audience"));
    await().atMost(Duration.ofSeconds(30)).until(() -> CACHE.get(key("changing")).isPresent());

    patchSpec("changing", Map.of("audience", "second-audience"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(authenticate("changing", token("second-audience")))
                    .isInstanceOf(AuthenticationResult.Authenticated.class));
    assertThat(authenticate("changing", token("first-audience")))
        .isInstanceOf(AuthenticationResult.Rejected.class);

    patchSpec("changing", Map.of("issuer", issuer.issuer() + "?broken=yes"));
    await().atMost(Duration.ofSeconds(30)).until(() -> CACHE.get(key("changing")).isEmpty());
    // The controller withdraws the authenticator before it writes the status.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(status("changing").path("phase").asText()).isEqualTo("Error"));
  }

  @Test
  void expressionsMapARealTokenAndAClaimRuleRejectsAnother() {
    // Through the real CRD schema: fields it did not declare would be pruned, and the expressions
    // would then silently not apply.
    Map<String, Object> spec = spec(issuer.issuer(), "aud-cel");
    spec.put(
        "claims",
        Map.of(
            "usernameExpression", "'oidc:' + claims.email",
            "groupsExpression", "claims.roles.map(r, 'role:' + r)",
            "uidExpression", "claims.sub",
            "extra", List.of(Map.of("key", "example.org/domain", "valueExpression", "claims.hd"))));
    spec.put(
        "claimValidationRules",
        List.of(
            Map.of("claim", "hd", "requiredValue", "example.com"),
            Map.of("expression", "claims.roles.size() > 0", "message", "no roles")));
    spec.put(
        "userValidationRules",
        List.of(Map.of("expression", "!user.username.endsWith('@blocked.example')")));
    create("cel", spec);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(status("cel").path("phase").asText()).isEqualTo("Ready"));

    assertThat(
            authenticate("cel", celToken("pat@example.com", "example.com", List.of("dev", "ops"))))
        .isEqualTo(
            new AuthenticationResult.Authenticated(
                new KubernetesUser(
                    "oidc:pat@example.com",
                    "sub-pat",
                    List.of("role:dev", "role:ops"),
                    Map.of("example.org/domain", List.of("example.com")))));
    assertThat(authenticate("cel", celToken("pat@example.com", "other.com", List.of("dev"))))
        .isEqualTo(
            new AuthenticationResult.Rejected(
                "claim \"hd\" does not have the required value \"example.com\""));
    assertThat(authenticate("cel", celToken("pat@example.com", "example.com", List.of())))
        .isEqualTo(new AuthenticationResult.Rejected("no roles"));
    assertThat(authenticate("cel", celToken("eve@blocked.example", "example.com", List.of("a"))))
        .isInstanceOf(AuthenticationResult.Rejected.class);
  }

  @Test
  void anExpressionThatDoesNotCompileMakesTheAuthenticatorAnError() {
    Map<String, Object> spec = spec(issuer.issuer(), "aud");
    spec.put("claims", Map.of("usernameExpression", "claims.email +"));
    create("bad-cel", spec);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(status("bad-cel").path("phase").asText()).isEqualTo("Error"));
    JsonNode valid = condition(status("bad-cel"), "AuthenticatorValid");
    assertThat(valid.path("status").asText()).isEqualTo("False");
    assertThat(valid.path("reason").asText()).isEqualTo("InvalidClaimValidationRulesOrMappings");
    assertThat(valid.path("message").asText())
        .contains("spec.claims.usernameExpression: compilation failed");
    assertThat(CACHE.get(key("bad-cel"))).isEmpty();
  }

  @Test
  void deletedAuthenticatorLeavesTheCache() {
    create("deleted", spec(issuer.issuer(), "aud"));
    await().atMost(Duration.ofSeconds(30)).until(() -> CACHE.get(key("deleted")).isPresent());

    client.genericKubernetesResources(JWT_AUTHENTICATORS).withName("deleted").delete();

    await().atMost(Duration.ofSeconds(30)).until(() -> CACHE.get(key("deleted")).isEmpty());
  }

  @Test
  void statusEditedByHandIsRestored() {
    create("edited", spec(issuer.issuer(), "aud"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(status("edited").path("phase").asText()).isEqualTo("Ready"));

    client
        .genericKubernetesResources(JWT_AUTHENTICATORS)
        .withName("edited")
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"phase\":\"Error\",\"conditions\":[]}}");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(status("edited").path("phase").asText()).isEqualTo("Ready");
              assertThat(status("edited").path("conditions")).hasSize(7);
            });
  }

  private static Map<String, Object> spec(String issuerUrl, String audience) {
    Map<String, Object> spec = new HashMap<>();
    spec.put("issuer", issuerUrl);
    spec.put("audience", audience);
    spec.put("tls", Map.of("certificateAuthorityData", issuer.caBundleBase64()));
    return spec;
  }

  private static void create(String name, Map<String, Object> spec) {
    client
        .genericKubernetesResources(JWT_AUTHENTICATORS)
        .resource(
            JSON.convertValue(
                Map.of(
                    "apiVersion",
                    GROUP + "/v1alpha1",
                    "kind",
                    "JWTAuthenticator",
                    "metadata",
                    Map.of("name", name),
                    "spec",
                    spec),
                GenericKubernetesResource.class))
        .create();
  }

  private static void patchSpec(String name, Map<String, Object> change) {
    client
        .genericKubernetesResources(JWT_AUTHENTICATORS)
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            client.getKubernetesSerialization().asJson(Map.of("spec", change)));
  }

  private static JsonNode status(String name) {
    JsonNode authenticator =
        JSON.valueToTree(
            client.genericKubernetesResources(JWT_AUTHENTICATORS).withName(name).get());
    return authenticator.path("status");
  }

  private static JsonNode condition(JsonNode status, String type) {
    for (JsonNode condition : status.path("conditions")) {
      if (condition.path("type").asText().equals(type)) {
        return condition;
      }
    }
    throw new AssertionError("no condition " + type + " in " + status);
  }

  private static AuthenticatorKey key(String name) {
    return new AuthenticatorKey(GROUP, "JWTAuthenticator", name);
  }

  private static AuthenticationResult authenticate(String name, String token) {
    Optional<TokenAuthenticator> authenticator = CACHE.get(key(name));
    assertThat(authenticator).as("authenticator %s is cached", name).isPresent();
    return authenticator.orElseThrow().authenticate(token);
  }

  private static String celToken(String email, String domain, List<String> roles) {
    return issuer.sign(
        new JWTClaimsSet.Builder()
            .issuer(issuer.issuer())
            .audience("aud-cel")
            .subject("sub-pat")
            .expirationTime(Date.from(Instant.now().plusSeconds(300)))
            .claim("email", email)
            .claim("hd", domain)
            .claim("roles", roles)
            .build(),
        JWSAlgorithm.RS256);
  }

  private static String token(String audience) {
    Instant now = Instant.now();
    return issuer.sign(
        new JWTClaimsSet.Builder()
            .issuer(issuer.issuer())
            .audience(audience)
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("username", "pat")
            .claim("groups", List.of("devs"))
            .build(),
        JWSAlgorithm.RS256);
  }
}
