package dev.pinnipedjava.supervisor.keys;

import static dev.pinnipedjava.supervisor.testing.TestFederationDomains.federationDomain;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainSecrets;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainStatus;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.supervisor.testing.RunningSupervisor;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The key controllers against a real API server: each FederationDomain gets its four Secrets, owned
 * by it and named in its status; a deleted or corrupted Secret is made again; the keys reach the
 * key cache; and the Supervisor-wide CSRF key exists.
 */
@WithKubeControlPlane
class FederationDomainKeysIT {
  private static final String NAMESPACE = "keys-it";

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

  private static FederationDomain create(String name) {
    FederationDomain federationDomain =
        federationDomain()
            .namespace(NAMESPACE)
            .name(name)
            .issuer("https://" + name + ".example.com")
            .build();
    federationDomain.getMetadata().setUid(null);
    federationDomain.getMetadata().setGeneration(null);
    return client.resource(federationDomain).create();
  }

  private static FederationDomain get(String name) {
    return client.resources(FederationDomain.class).inNamespace(NAMESPACE).withName(name).get();
  }

  private static Optional<Secret> secret(String name) {
    return Optional.ofNullable(client.secrets().inNamespace(NAMESPACE).withName(name).get());
  }

  private static String signingKeyX(Key key) {
    return requireNonNull(
            supervisor.supervisor().keys().forFederationDomain(key).orElseThrow().signingKey())
        .getX()
        .toString();
  }

  private static Map<String, String> secretNames(FederationDomain federationDomain) {
    String uid = federationDomain.getMetadata().getUid();
    String name = federationDomain.getMetadata().getName();
    return Map.of(
        name + "-jwks", "secrets.pinniped.dev/federation-domain-jwks",
        "pinniped-oidc-provider-hmac-key-" + uid,
            "secrets.pinniped.dev/federation-domain-token-signing-key",
        "pinniped-oidc-provider-upstream-state-signature-key-" + uid,
            "secrets.pinniped.dev/federation-domain-state-signing-key",
        "pinniped-oidc-provider-upstream-state-encryption-key-" + uid,
            "secrets.pinniped.dev/federation-domain-state-encryption-key");
  }

  @Test
  void aFederationDomainGetsItsFourSecretsNamedInItsStatus() {
    FederationDomain created = create("alpha");
    Key key = Key.of(created);

    eventually()
        .untilAsserted(
            () -> {
              // No status yet is a reason to wait, not a failure.
              FederationDomainStatus status = get("alpha").getStatus();
              assertThat(status).isNotNull();
              assertThat(status.secrets()).isNotNull();
              FederationDomainSecrets secrets = requireNonNull(status.secrets());
              // The four controllers write their names one by one: a missing one is still pending.
              assertThat(secrets.jwks()).isNotNull();
              assertThat(secrets.tokenSigningKey()).isNotNull();
              assertThat(secrets.stateSigningKey()).isNotNull();
              assertThat(secrets.stateEncryptionKey()).isNotNull();
              assertThat(requireNonNull(secrets.jwks()).name()).isEqualTo("alpha-jwks");
              assertThat(requireNonNull(secrets.tokenSigningKey()).name())
                  .isEqualTo("pinniped-oidc-provider-hmac-key-" + created.getMetadata().getUid());
              assertThat(requireNonNull(secrets.stateSigningKey()).name())
                  .isEqualTo(
                      "pinniped-oidc-provider-upstream-state-signature-key-"
                          + created.getMetadata().getUid());
              assertThat(requireNonNull(secrets.stateEncryptionKey()).name())
                  .isEqualTo(
                      "pinniped-oidc-provider-upstream-state-encryption-key-"
                          + created.getMetadata().getUid());
            });
    secretNames(created)
        .forEach(
            (name, type) -> {
              Secret secret = secret(name).orElseThrow();
              assertThat(secret.getType()).isEqualTo(type);
              assertThat(secret.getMetadata().getLabels())
                  .containsAllEntriesOf(RunningSupervisor.LABELS);
              OwnerReference owner = secret.getMetadata().getOwnerReferences().get(0);
              assertThat(owner.getApiVersion())
                  .isEqualTo("config.supervisor.pinniped.dev/v1alpha1");
              assertThat(owner.getKind()).isEqualTo("FederationDomain");
              assertThat(owner.getName()).isEqualTo("alpha");
              assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
              assertThat(owner.getController()).isTrue();
            });
    assertThat(
            Base64.getDecoder()
                .decode(
                    secret("pinniped-oidc-provider-hmac-key-" + created.getMetadata().getUid())
                        .orElseThrow()
                        .getData()
                        .get("key")))
        .hasSize(32);
    eventually()
        .untilAsserted(
            () -> {
              FederationDomainKeys keys =
                  supervisor.supervisor().keys().forFederationDomain(key).orElseThrow();
              assertThat(keys.signingKey()).isNotNull();
              assertThat(keys.jwks()).isNotNull();
              assertThat(keys.tokenSigningKey()).isNotNull();
              assertThat(keys.stateSigningKey()).isNotNull();
              assertThat(keys.stateEncryptionKey()).isNotNull();
            });
  }

  @Test
  void aDeletedSecretIsMadeAgainWithANewKey() {
    create("beta");
    eventually().until(() -> secret("beta-jwks").isPresent());
    Key key = Key.namespaced(NAMESPACE, "beta");
    eventually()
        .until(
            () ->
                supervisor
                    .supervisor()
                    .keys()
                    .forFederationDomain(key)
                    .map(FederationDomainKeys::signingKey)
                    .isPresent());
    String before = signingKeyX(key);

    client.secrets().inNamespace(NAMESPACE).withName("beta-jwks").delete();

    eventually()
        .untilAsserted(
            () -> {
              Secret again = secret("beta-jwks").orElseThrow();
              assertThat(again.getMetadata().getDeletionTimestamp()).isNull();
              assertThat(signingKeyX(key)).isNotEqualTo(before);
            });
  }

  @Test
  void aCorruptedSecretIsReplaced() {
    FederationDomain created = create("gamma");
    String name = "pinniped-oidc-provider-hmac-key-" + created.getMetadata().getUid();
    eventually().until(() -> secret(name).isPresent());

    Secret corrupted =
        new SecretBuilder(secret(name).orElseThrow())
            .withData(Map.of("key", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})))
            .build();
    client.resource(corrupted).update();

    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        Base64.getDecoder().decode(secret(name).orElseThrow().getData().get("key")))
                    .hasSize(32));
  }

  @Test
  void theCsrfCookieKeyExists() {
    eventually()
        .untilAsserted(
            () -> {
              Secret secret = secret("pinniped-supervisor-key").orElseThrow();
              assertThat(secret.getType())
                  .isEqualTo("secrets.pinniped.dev/supervisor-csrf-signing-key");
              assertThat(Base64.getDecoder().decode(secret.getData().get("key"))).hasSize(32);
              assertThat(supervisor.supervisor().keys().csrfCookieKey()).isPresent();
            });

    client.secrets().inNamespace(NAMESPACE).withName("pinniped-supervisor-key").delete();

    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        secret("pinniped-supervisor-key")
                            .map(s -> s.getMetadata().getDeletionTimestamp() == null))
                    .contains(true));
  }

  @Test
  void aDeletedFederationDomainsKeysAreWithdrawn() {
    create("delta");
    Key key = Key.namespaced(NAMESPACE, "delta");
    eventually().until(() -> supervisor.supervisor().keys().forFederationDomain(key).isPresent());

    client.resources(FederationDomain.class).inNamespace(NAMESPACE).withName("delta").delete();

    eventually().until(() -> supervisor.supervisor().keys().forFederationDomain(key).isEmpty());
  }
}
