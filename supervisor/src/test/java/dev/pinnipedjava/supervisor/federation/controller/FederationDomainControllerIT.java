package dev.pinnipedjava.supervisor.federation.controller;

import static dev.pinnipedjava.supervisor.testing.TestFederationDomains.federationDomain;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.api.condition.Condition;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainStatus;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.testing.RunningSupervisor;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FederationDomain conditions as a real API server stores them, and the issuers published. */
@WithKubeControlPlane
class FederationDomainControllerIT {
  private static final String NAMESPACE = "federation-domain-it";

  private static RunningSupervisor supervisor;
  private static KubernetesClient client;

  @BeforeAll
  static void start(KubeControlPlane controlPlane) {
    client = controlPlane.adminClient();
    supervisor = RunningSupervisor.start(client, NAMESPACE);
  }

  @AfterAll
  static void stop() {
    supervisor.close();
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
  }

  private static void create(FederationDomain federationDomain) {
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

  private static String resourceVersion(String name) {
    return client
        .resources(FederationDomain.class)
        .inNamespace(NAMESPACE)
        .withName(name)
        .get()
        .getMetadata()
        .getResourceVersion();
  }

  private static Map<String, Condition> conditions(String name) {
    List<Condition> conditions = status(name).conditions();
    return conditions == null
        ? Map.of()
        : conditions.stream().collect(Collectors.toMap(Condition::type, c -> c));
  }

  private static boolean published(String issuer) {
    return supervisor.supervisor().router().issuers().stream()
        .map(FederationDomainIssuer::issuer)
        .anyMatch(issuer::equals);
  }

  @Test
  void aFederationDomainWhoseIdentityProviderExistsIsReadyAndServed() {
    supervisor.createOidcIdentityProvider("ready-idp", false);
    create(
        federationDomain()
            .namespace(NAMESPACE)
            .name("ready")
            .issuer("https://ready.example.com/issuer")
            .identityProvider("Okta", "OIDCIdentityProvider", "ready-idp")
            .build());

    eventually().until(() -> status("ready").phase() == Phase.READY);

    Map<String, Condition> conditions = conditions("ready");
    assertThat(conditions.keySet())
        .containsExactlyInAnyOrder(
            "Ready",
            "IssuerURLValid",
            "OneTLSSecretPerIssuerHostname",
            "IssuerIsUnique",
            "IdentityProvidersFound",
            "IdentityProvidersDisplayNamesUnique",
            "IdentityProvidersObjectRefAPIGroupSuffixValid",
            "IdentityProvidersObjectRefKindValid",
            "TransformsExpressionsValid",
            "TransformsExamplesPassed");
    assertThat(conditions.values())
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo(ConditionStatus.TRUE);
              assertThat(c.reason()).isEqualTo("Success");
              assertThat(c.observedGeneration()).isEqualTo(1L);
            });
    assertThat(requireNonNull(conditions.get("Ready")).message())
        .isEqualTo(
            "the FederationDomain is ready and its endpoints are available: the discovery endpoint"
                + " is https://ready.example.com/issuer/.well-known/openid-configuration");
    assertThat(published("https://ready.example.com/issuer")).isTrue();
  }

  @Test
  void aMissingIdentityProviderIsAnErrorUntilItIsCreated() {
    create(
        federationDomain()
            .namespace(NAMESPACE)
            .name("waiting")
            .issuer("https://waiting.example.com")
            .identityProvider("Later", "OIDCIdentityProvider", "later-idp")
            .build());

    eventually().until(() -> status("waiting").phase() == Phase.ERROR);
    Condition found = requireNonNull(conditions("waiting").get("IdentityProvidersFound"));
    assertThat(found.status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(found.reason()).isEqualTo("IdentityProvidersObjectRefsNotFound");
    assertThat(found.message())
        .isEqualTo(
            "cannot find resource specified by .spec.identityProviders[0].objectRef (with name \"later-idp\")");
    Condition ready = requireNonNull(conditions("waiting").get("Ready"));
    assertThat(ready.reason()).isEqualTo("NotReady");
    assertThat(ready.message())
        .isEqualTo("the FederationDomain is not ready: see other conditions for details");
    assertThat(published("https://waiting.example.com")).isFalse();
    String readyFalseSince = ready.lastTransitionTime();

    supervisor.createOidcIdentityProvider("later-idp", true);

    eventually().until(() -> status("waiting").phase() == Phase.READY);
    assertThat(published("https://waiting.example.com")).isTrue();
    // The other conditions kept their transition times: only changed statuses transition.
    assertThat(requireNonNull(conditions("waiting").get("IssuerURLValid")).lastTransitionTime())
        .isLessThanOrEqualTo(readyFalseSince);
  }

  @Test
  void duplicateIssuersAreBothErrors() {
    create(
        federationDomain()
            .namespace(NAMESPACE)
            .name("dup-a")
            .issuer("https://dup.example.com")
            .build());
    create(
        federationDomain()
            .namespace(NAMESPACE)
            .name("dup-b")
            .issuer("https://DUP.example.com")
            .build());

    for (String name : List.of("dup-a", "dup-b")) {
      eventually()
          .untilAsserted(
              () -> {
                // Until the controller has written it, a missing condition is a reason to wait.
                Map<String, Condition> conditions = conditions(name);
                assertThat(conditions).containsKey("IssuerIsUnique");
                Condition unique = requireNonNull(conditions.get("IssuerIsUnique"));
                assertThat(unique.status()).isEqualTo(ConditionStatus.FALSE);
                assertThat(unique.reason()).isEqualTo("DuplicateIssuer");
                assertThat(status(name).phase()).isEqualTo(Phase.ERROR);
              });
    }
  }

  @Test
  void theStatusIsNotRewrittenWhenNothingChanged() {
    supervisor.createOidcIdentityProvider("stable-idp", false);
    create(
        federationDomain()
            .namespace(NAMESPACE)
            .name("stable")
            .issuer("https://stable.example.com")
            .identityProvider("Stable", "OIDCIdentityProvider", "stable-idp")
            .build());
    eventually().until(() -> status("stable").phase() == Phase.READY);
    // Five controllers write parts of its status; wait until none has anything left to write.
    AtomicReference<String> lastSeen = new AtomicReference<>("");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> lastSeen.getAndSet(resourceVersion("stable")).equals(lastSeen.get()));
    String resourceVersion = lastSeen.get();

    // Another FederationDomain's change makes the controller validate, and write, all of them.
    create(
        federationDomain()
            .namespace(NAMESPACE)
            .name("trigger")
            .issuer("https://trigger.example.com/")
            .build());
    eventually().until(() -> status("trigger").phase() == Phase.ERROR);

    assertThat(resourceVersion("stable")).isEqualTo(resourceVersion);
  }
}
