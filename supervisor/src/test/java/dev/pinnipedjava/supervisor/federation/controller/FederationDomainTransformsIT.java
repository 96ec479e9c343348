package dev.pinnipedjava.supervisor.federation.controller;

import static dev.pinnipedjava.supervisor.testing.TestFederationDomains.IDP_GROUP;
import static dev.pinnipedjava.supervisor.testing.TestFederationDomains.federationDomain;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.api.condition.Condition;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainStatus;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransforms;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsConstant;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExample;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExampleExpects;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExpression;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.TransformsConstantType;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.TransformsExpressionType;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.federation.OfferedIdentityProvider;
import dev.pinnipedjava.supervisor.testing.RunningSupervisor;
import dev.pinnipedjava.supervisor.transform.TransformResult;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FederationDomain identity transformations as the controller compiles them, with the conditions a
 * real API server stores, and the transformations the published issuer offers.
 */
@WithKubeControlPlane
class FederationDomainTransformsIT {
  private static final String NAMESPACE = "federation-domain-transforms-it";

  private static RunningSupervisor supervisor;
  private static KubernetesClient client;

  @BeforeAll
  static void start(KubeControlPlane controlPlane) {
    client = controlPlane.adminClient();
    supervisor = RunningSupervisor.start(client, NAMESPACE);
    supervisor.createOidcIdentityProvider("okta", false);
  }

  @AfterAll
  static void stop() {
    supervisor.close();
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
  }

  private static void create(String name, String issuer, FederationDomainTransforms transforms) {
    FederationDomain federationDomain =
        federationDomain()
            .namespace(NAMESPACE)
            .name(name)
            .issuer(issuer)
            .identityProvider("Okta", IDP_GROUP, "OIDCIdentityProvider", "okta", transforms)
            .build();
    federationDomain.getMetadata().setUid(null);
    federationDomain.getMetadata().setGeneration(null);
    client.resource(federationDomain).create();
  }

  private static FederationDomainStatus status(String name) {
    FederationDomain stored =
        client.resources(FederationDomain.class).inNamespace(NAMESPACE).withName(name).get();
    return stored.getStatus() == null
        ? new FederationDomainStatus(null, null, null)
        : stored.getStatus();
  }

  private static Map<String, Condition> conditions(String name) {
    List<Condition> conditions = status(name).conditions();
    return conditions == null
        ? Map.of()
        : conditions.stream().collect(Collectors.toMap(Condition::type, c -> c));
  }

  private static Optional<FederationDomainIssuer> published(String issuer) {
    return supervisor.supervisor().router().issuers().stream()
        .filter(published -> published.issuer().equals(issuer))
        .findFirst();
  }

  private static FederationDomainTransformsExpression expression(
      TransformsExpressionType type, String expression) {
    return new FederationDomainTransformsExpression(type, expression, null);
  }

  private static FederationDomainTransformsExample example(
      String username,
      @Nullable List<String> groups,
      FederationDomainTransformsExampleExpects expects) {
    return new FederationDomainTransformsExample(username, groups, expects);
  }

  /** A suffix constant, a policy refusing {@code root}, and a username transform adding it. */
  private static FederationDomainTransforms transforms(
      String usernameExpression, List<FederationDomainTransformsExample> examples) {
    return new FederationDomainTransforms(
        List.of(
            new FederationDomainTransformsConstant(
                "suffix", TransformsConstantType.STRING, "@corp", null)),
        List.of(
            new FederationDomainTransformsExpression(
                TransformsExpressionType.POLICY_V1, "username != \"root\"", "no root"),
            expression(TransformsExpressionType.USERNAME_V1, usernameExpression)),
        examples);
  }

  @Test
  void expressionsThatCompileAndExamplesThatPassAreServed() throws Exception {
    create(
        "passing",
        "https://passing.example.com",
        transforms(
            "username + strConst.suffix",
            List.of(
                example(
                    "ryan",
                    List.of("b", "a"),
                    new FederationDomainTransformsExampleExpects(
                        "ryan@corp", List.of("a", "b"), null, null)),
                example(
                    "root",
                    null,
                    new FederationDomainTransformsExampleExpects(null, null, true, "no root")))));

    eventually().until(() -> status("passing").phase() == Phase.READY);

    Map<String, Condition> conditions = conditions("passing");
    assertThat(requireNonNull(conditions.get("TransformsExpressionsValid")).status())
        .isEqualTo(ConditionStatus.TRUE);
    assertThat(requireNonNull(conditions.get("TransformsExamplesPassed")).message())
        .isEqualTo(
            "the examples specified by .spec.identityProviders[].transforms.examples[] had no"
                + " errors");
    OfferedIdentityProvider okta =
        published("https://passing.example.com").orElseThrow().identityProviders().get(0);
    assertThat(okta.transforms().apply("alice", List.of("devs")))
        .isEqualTo(new TransformResult.Allowed("alice@corp", List.of("devs")));
    assertThat(okta.transforms().apply("root", List.of()))
        .isEqualTo(new TransformResult.Rejected("no root"));
  }

  @Test
  void anExpressionThatDoesNotCompileMakesTheFederationDomainAnError() {
    create("invalid", "https://invalid.example.com", transforms("username + suffix", List.of()));

    eventually().until(() -> status("invalid").phase() == Phase.ERROR);

    Condition expressions = requireNonNull(conditions("invalid").get("TransformsExpressionsValid"));
    assertThat(expressions.status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(expressions.reason()).isEqualTo("InvalidTransformsExpressions");
    assertThat(expressions.message())
        .isEqualTo(
            """
            spec.identityProvider[0].transforms.expressions[1].expression was invalid:
            CEL expression compile error: ERROR: <input>:1:12: undeclared reference to 'suffix' (in container '')
             | username + suffix
             | ...........^""");
    Condition examples = requireNonNull(conditions("invalid").get("TransformsExamplesPassed"));
    assertThat(examples.status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(examples.reason()).isEqualTo("TransformsExamplesFailed");
    assertThat(requireNonNull(conditions("invalid").get("Ready")).status())
        .isEqualTo(ConditionStatus.FALSE);
    assertThat(published("https://invalid.example.com")).isEmpty();
  }

  @Test
  void aFailingExampleMakesTheFederationDomainAnErrorUntilItIsFixed() {
    List<FederationDomainTransformsExample> examples =
        List.of(
            example(
                "ryan",
                List.of(),
                new FederationDomainTransformsExampleExpects("ryan@corp", null, null, null)));
    create("failing", "https://failing.example.com", transforms("username + \"@other\"", examples));

    eventually().until(() -> status("failing").phase() == Phase.ERROR);

    assertThat(requireNonNull(conditions("failing").get("TransformsExpressionsValid")).status())
        .isEqualTo(ConditionStatus.TRUE);
    Condition failed = requireNonNull(conditions("failing").get("TransformsExamplesPassed"));
    assertThat(failed.status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(failed.reason()).isEqualTo("TransformsExamplesFailed");
    assertThat(failed.message())
        .isEqualTo(
            """
            .spec.identityProviders[0].transforms.examples[0] example failed:
            expected: username "ryan@corp"
            actual:   username "ryan@other\"""");
    assertThat(published("https://failing.example.com")).isEmpty();

    FederationDomain stored =
        client.resources(FederationDomain.class).inNamespace(NAMESPACE).withName("failing").get();
    FederationDomain fixed =
        federationDomain()
            .namespace(NAMESPACE)
            .name("failing")
            .issuer("https://failing.example.com")
            .identityProvider(
                "Okta",
                IDP_GROUP,
                "OIDCIdentityProvider",
                "okta",
                transforms("username + strConst.suffix", examples))
            .build();
    stored.setSpec(fixed.getSpec());
    client.resource(stored).update();

    eventually().until(() -> status("failing").phase() == Phase.READY);
    assertThat(published("https://failing.example.com")).isPresent();
  }
}
