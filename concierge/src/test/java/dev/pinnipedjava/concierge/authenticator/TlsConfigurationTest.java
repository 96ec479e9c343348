package dev.pinnipedjava.concierge.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceKind;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.TLSSpec;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.pki.CertificateAuthority;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code spec.tls} of authenticators, inline and from Secrets and ConfigMaps, with its messages.
 */
class TlsConfigurationTest {
  private static final String NAMESPACE = "concierge";
  private static final String CA_PEM =
      CertificateAuthority.create(
              "test CA", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom())
          .certificatePem();
  private static final String NOT_PEM_MESSAGE_END =
      "is not a PEM-encoded certificate (PEM certificates must begin with \"-----BEGIN"
          + " CERTIFICATE-----\")";

  record Case(
      String name,
      @Nullable TLSSpec tls,
      ConditionStatus wantStatus,
      String wantMessage,
      boolean wantBundle) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "no tls",
            null,
            ConditionStatus.TRUE,
            "spec.tls is valid: no TLS configuration provided",
            false),
        new Case(
            "empty tls",
            new TLSSpec(null, null),
            ConditionStatus.TRUE,
            "spec.tls is valid: no TLS configuration provided",
            false),
        new Case(
            "inline CA",
            new TLSSpec(base64(CA_PEM), null),
            ConditionStatus.TRUE,
            "spec.tls is valid: loaded TLS configuration",
            true),
        new Case(
            "inline CA not base64",
            new TLSSpec("%%%", null),
            ConditionStatus.FALSE,
            "spec.tls.certificateAuthorityData is invalid: illegal base64 data",
            false),
        new Case(
            "inline CA not PEM",
            new TLSSpec(base64("hello"), null),
            ConditionStatus.FALSE,
            "spec.tls.certificateAuthorityData is invalid: no base64-encoded PEM certificates"
                + " found in 8 bytes of data (PEM certificates must begin with \"-----BEGIN"
                + " CERTIFICATE-----\")",
            false),
        new Case(
            "both inline and a source",
            new TLSSpec(base64(CA_PEM), configMap("ca", "ca.crt")),
            ConditionStatus.FALSE,
            "spec.tls is invalid: both tls.certificateAuthorityDataSource and"
                + " tls.certificateAuthorityData provided",
            false),
        new Case(
            "ConfigMap",
            new TLSSpec(null, configMap("ca", "ca.crt")),
            ConditionStatus.TRUE,
            "spec.tls is valid: loaded TLS configuration",
            true),
        new Case(
            "ConfigMap missing",
            new TLSSpec(null, configMap("nope", "ca.crt")),
            ConditionStatus.FALSE,
            "spec.tls.certificateAuthorityDataSource is invalid: failed to get configmap"
                + " \"concierge/nope\": configmap \"nope\" not found",
            false),
        new Case(
            "ConfigMap key missing",
            new TLSSpec(null, configMap("ca", "other")),
            ConditionStatus.FALSE,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"other\" not found in"
                + " configmap \"concierge/ca\"",
            false),
        new Case(
            "ConfigMap key empty",
            new TLSSpec(null, configMap("ca", "empty")),
            ConditionStatus.FALSE,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"empty\" has empty value in"
                + " configmap \"concierge/ca\"",
            false),
        new Case(
            "ConfigMap key not PEM",
            new TLSSpec(null, configMap("ca", "junk")),
            ConditionStatus.FALSE,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"junk\" with 4 bytes of"
                + " data in configmap \"concierge/ca\" "
                + NOT_PEM_MESSAGE_END,
            false),
        new Case(
            "Opaque Secret",
            new TLSSpec(null, secret("opaque", "ca.crt")),
            ConditionStatus.TRUE,
            "spec.tls is valid: loaded TLS configuration",
            true),
        new Case(
            "TLS Secret",
            new TLSSpec(null, secret("tls", "ca.crt")),
            ConditionStatus.TRUE,
            "spec.tls is valid: loaded TLS configuration",
            true),
        new Case(
            "Secret of another type",
            new TLSSpec(null, secret("token", "ca.crt")),
            ConditionStatus.FALSE,
            "spec.tls.certificateAuthorityDataSource is invalid: secret \"concierge/token\" of"
                + " type \"kubernetes.io/service-account-token\" cannot be used as a certificate"
                + " authority data source",
            false),
        new Case(
            "Secret missing",
            new TLSSpec(null, secret("nope", "ca.crt")),
            ConditionStatus.FALSE,
            "spec.tls.certificateAuthorityDataSource is invalid: failed to get secret"
                + " \"concierge/nope\": secret \"nope\" not found",
            false),
        new Case(
            "Secret key missing",
            new TLSSpec(null, secret("opaque", "other")),
            ConditionStatus.FALSE,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"other\" not found in"
                + " secret \"concierge/opaque\"",
            false),
        new Case(
            "Secret key empty",
            new TLSSpec(null, secret("opaque", "empty")),
            ConditionStatus.FALSE,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"empty\" has empty value in"
                + " secret \"concierge/opaque\"",
            false),
        new Case(
            "Secret key not PEM",
            new TLSSpec(null, secret("opaque", "junk")),
            ConditionStatus.FALSE,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"junk\" with 4 bytes of"
                + " data in secret \"concierge/opaque\" "
                + NOT_PEM_MESSAGE_END,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void check(Case testCase) {
    TlsConfiguration checked = TlsConfiguration.check(testCase.tls(), sources());

    assertThat(checked.condition().type()).isEqualTo("TLSConfigurationValid");
    assertThat(checked.condition().status()).isEqualTo(testCase.wantStatus());
    assertThat(checked.condition().reason())
        .isEqualTo(testCase.wantStatus() == ConditionStatus.TRUE ? "Success" : "InvalidTLSConfig");
    assertThat(checked.condition().message()).isEqualTo(testCase.wantMessage());
    assertThat(checked.ok()).isEqualTo(testCase.wantStatus() == ConditionStatus.TRUE);
    assertThat(checked.bundle() != null).isEqualTo(testCase.wantBundle());
  }

  @Test
  void theBundleOfASourceIsTheSameAsTheSameCertificatesInline() {
    CaBundle inline =
        Objects.requireNonNull(
            TlsConfiguration.check(new TLSSpec(base64(CA_PEM), null), sources()).bundle());
    CaBundle fromConfigMap =
        Objects.requireNonNull(
            TlsConfiguration.check(new TLSSpec(null, configMap("ca", "ca.crt")), sources())
                .bundle());

    assertThat(fromConfigMap.sha256()).isEqualTo(inline.sha256());
    assertThat(fromConfigMap.certificates()).isEqualTo(inline.certificates());
  }

  @Test
  void aChangedSourceIsReportedByKindAndName() {
    InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
    InMemoryResourceCache<ConfigMap> configMaps = InMemoryResourceCache.create();
    CaBundleSources sources = new CaBundleSources(NAMESPACE, secrets, configMaps);
    List<CaBundleSources.Reference> changes = new CopyOnWriteArrayList<>();
    sources.onChange(changes::add);

    configMaps.put(configMapObject("bundle", Map.of("ca.crt", CA_PEM)));
    secrets.put(secretObject("bundle", "Opaque", Map.of("ca.crt", CA_PEM)));

    assertThat(changes)
        .containsExactly(
            new CaBundleSources.Reference(CertificateAuthorityDataSourceKind.CONFIG_MAP, "bundle"),
            new CaBundleSources.Reference(CertificateAuthorityDataSourceKind.SECRET, "bundle"));
    assertThat(changes.get(0).isReadBy(configMap("bundle", "any"))).isTrue();
    assertThat(changes.get(0).isReadBy(secret("bundle", "any"))).isFalse();
  }

  private static CaBundleSources sources() {
    InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
    InMemoryResourceCache<ConfigMap> configMaps = InMemoryResourceCache.create();
    configMaps.put(configMapObject("ca", Map.of("ca.crt", CA_PEM, "empty", "", "junk", "junk")));
    Map<String, String> secretData = Map.of("ca.crt", CA_PEM, "empty", "", "junk", "junk");
    secrets.put(secretObject("opaque", "Opaque", secretData));
    secrets.put(secretObject("tls", "kubernetes.io/tls", secretData));
    secrets.put(secretObject("token", "kubernetes.io/service-account-token", secretData));
    return new CaBundleSources(NAMESPACE, secrets, configMaps);
  }

  private static ConfigMap configMapObject(String name, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(NAMESPACE)
        .withName(name)
        .endMetadata()
        .withData(data)
        .build();
  }

  /** As the API server sends it: data base64-encoded. */
  private static Secret secretObject(String name, String type, Map<String, String> data) {
    SecretBuilder secret =
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName(name)
            .endMetadata()
            .withType(type);
    data.forEach((key, value) -> secret.addToData(key, base64(value)));
    return secret.build();
  }

  private static CertificateAuthorityDataSourceSpec configMap(String name, String key) {
    return new CertificateAuthorityDataSourceSpec(
        CertificateAuthorityDataSourceKind.CONFIG_MAP, name, key);
  }

  private static CertificateAuthorityDataSourceSpec secret(String name, String key) {
    return new CertificateAuthorityDataSourceSpec(
        CertificateAuthorityDataSourceKind.SECRET, name, key);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
