package dev.pinnipedjava.aggregatedapi.apicerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared aggregation CA Secret against a real kube-apiserver. */
@WithKubeControlPlane
class ServingCertificateSecretIT {
  private static final String NAMESPACE = "serving-certificate-it";
  private static final Duration VALIDITY = Duration.ofDays(30);
  private static final Duration RENEW_BEFORE = Duration.ofDays(5);

  private static KubernetesClient client;

  @BeforeAll
  static void createNamespace(KubeControlPlane kube) {
    client = kube.adminClient();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  private static ServingCertificateSecret store(String secretName, String service, Clock clock) {
    return new ServingCertificateSecret(
        client,
        NAMESPACE,
        secretName,
        service,
        VALIDITY,
        RENEW_BEFORE,
        clock,
        new SecureRandom(),
        "pinniped-test");
  }

  @Test
  void firstReplicaCreatesAndTheOthersShareIt() {
    AggregationCertificates first = store("shared", "api", Clock.systemUTC()).loadOrCreate();
    AggregationCertificates second = store("shared", "api", Clock.systemUTC()).loadOrCreate();

    assertThat(second.caBundlePem()).isEqualTo(first.caBundlePem());
    assertThat(second.serving().certificatePem()).isEqualTo(first.serving().certificatePem());
    Secret secret = client.secrets().inNamespace(NAMESPACE).withName("shared").get();
    assertThat(secret.getData())
        .containsOnlyKeys(
            "caCertificate", "caCertificatePrivateKey", "tlsCertificateChain", "tlsPrivateKey");
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("pinniped-java.dev/serving-certificate-format", "2");
    assertThat(first.authority().certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=Pinniped Aggregation CA");
  }

  @Test
  void certificateDueForRenewalIsReplaced() {
    AggregationCertificates old = store("renewed", "api", Clock.systemUTC()).loadOrCreate();
    Clock later =
        Clock.fixed(
            Instant.now().plus(VALIDITY).minus(RENEW_BEFORE).plusSeconds(60), ZoneOffset.UTC);

    AggregationCertificates renewed = store("renewed", "api", later).loadOrCreate();

    assertThat(renewed.caBundlePem()).isNotEqualTo(old.caBundlePem());
    assertThat(store("renewed", "api", later).loadOrCreate().caBundlePem())
        .isEqualTo(renewed.caBundlePem());
  }

  @Test
  void aRenewalKeepsTheReplacedCaTrustedUntilItExpires() {
    AggregationCertificates old = store("kept", "api", Clock.systemUTC()).loadOrCreate();
    Instant due = Instant.now().plus(VALIDITY).minus(RENEW_BEFORE).plusSeconds(60);

    StoredCertificates renewed =
        store("kept", "api", Clock.fixed(due, ZoneOffset.UTC)).loadOrRenew();
    StoredCertificates reread =
        store("kept", "api", Clock.fixed(due, ZoneOffset.UTC)).loadOrRenew();

    assertThat(renewed.previousAuthority()).containsExactly(old.authority().certificate());
    assertThat(reread.previousAuthority()).containsExactly(old.authority().certificate());
    assertThat(reread.caBundlePem(due))
        .isEqualTo(renewed.current().caBundlePem() + old.caBundlePem());
    assertThat(reread.caBundlePem(due.plus(VALIDITY))).isEqualTo(renewed.current().caBundlePem());
    assertThat(client.secrets().inNamespace(NAMESPACE).withName("kept").get().getData())
        .containsKey("previousCaCertificate");
  }

  @Test
  void aSecretOfTheFirstFormatIsStillRead() {
    AggregationCertificates stored = store("first-format", "api", Clock.systemUTC()).loadOrCreate();
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .withName("first-format")
        .edit(
            secret -> {
              secret
                  .getMetadata()
                  .setAnnotations(
                      Map.of("concierge.pinniped-java.dev/serving-certificate-format", "1"));
              return secret;
            });

    StoredCertificates read = store("first-format", "api", Clock.systemUTC()).loadOrRenew();

    assertThat(read.current().caBundlePem()).isEqualTo(stored.caBundlePem());
    assertThat(read.previousAuthority()).isEmpty();
  }

  @Test
  void certificateForAnotherServiceIsReplaced() {
    AggregationCertificates old = store("renamed", "old-api", Clock.systemUTC()).loadOrCreate();

    AggregationCertificates renamed = store("renamed", "new-api", Clock.systemUTC()).loadOrCreate();

    assertThat(renamed.caBundlePem()).isNotEqualTo(old.caBundlePem());
  }

  @Test
  void secretOfAnUnknownFormatIsReplaced() {
    AggregationCertificates old = store("reformatted", "api", Clock.systemUTC()).loadOrCreate();
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .withName("reformatted")
        .edit(
            secret -> {
              secret
                  .getMetadata()
                  .setAnnotations(Map.of("pinniped-java.dev/serving-certificate-format", "99"));
              return secret;
            });

    AggregationCertificates replaced =
        store("reformatted", "api", Clock.systemUTC()).loadOrCreate();

    assertThat(replaced.caBundlePem()).isNotEqualTo(old.caBundlePem());
    assertThat(
            client
                .secrets()
                .inNamespace(NAMESPACE)
                .withName("reformatted")
                .get()
                .getMetadata()
                .getAnnotations())
        .containsEntry("pinniped-java.dev/serving-certificate-format", "2");
  }
}
