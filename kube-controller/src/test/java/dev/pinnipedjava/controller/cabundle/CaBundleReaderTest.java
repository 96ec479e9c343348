package dev.pinnipedjava.controller.cabundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.controller.cabundle.CaBundleSource.Kind;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CaBundleReaderTest {
  private static final String NAMESPACE = "ns";
  private static final String PEM =
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  private static final String NO_PEM =
      " (PEM certificates must begin with \"-----BEGIN CERTIFICATE-----\")";

  record Case(
      String name,
      @Nullable String inline,
      @Nullable CaBundleSource source,
      boolean wantValid,
      @Nullable String wantBundle,
      String wantMessage) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "nothing configured",
            null,
            null,
            true,
            null,
            "spec.tls is valid: no TLS configuration provided"),
        new Case(
            "empty inline data",
            "",
            null,
            true,
            null,
            "spec.tls is valid: no TLS configuration provided"),
        new Case(
            "inline data and a source",
            base64(PEM),
            new CaBundleSource(Kind.SECRET, "tls-secret", "ca.crt"),
            false,
            null,
            "spec.tls is invalid: both tls.certificateAuthorityDataSource and"
                + " tls.certificateAuthorityData provided"),
        new Case(
            "inline PEM",
            base64(PEM),
            null,
            true,
            PEM,
            "spec.tls is valid: loaded TLS configuration"),
        new Case(
            "inline PEM with surrounding whitespace",
            " " + base64(PEM) + "\n",
            null,
            true,
            PEM,
            "spec.tls is valid: loaded TLS configuration"),
        new Case(
            "inline data that is not base64",
            "not base64!",
            null,
            false,
            null,
            "spec.tls.certificateAuthorityData is invalid: illegal base64 data"),
        new Case(
            "inline data that is not PEM",
            base64("hello"),
            null,
            false,
            null,
            "spec.tls.certificateAuthorityData is invalid: no base64-encoded PEM certificates"
                + " found in 8 bytes of data"
                + NO_PEM),
        new Case(
            "kubernetes.io/tls Secret",
            null,
            new CaBundleSource(Kind.SECRET, "tls-secret", "ca.crt"),
            true,
            PEM,
            "spec.tls is valid: loaded TLS configuration"),
        new Case(
            "Opaque Secret",
            null,
            new CaBundleSource(Kind.SECRET, "opaque-secret", "ca.crt"),
            true,
            PEM,
            "spec.tls is valid: loaded TLS configuration"),
        new Case(
            "missing Secret",
            null,
            new CaBundleSource(Kind.SECRET, "nowhere", "ca.crt"),
            false,
            null,
            "spec.tls.certificateAuthorityDataSource is invalid: failed to get secret"
                + " \"ns/nowhere\": secret \"nowhere\" not found"),
        new Case(
            "Secret of another type",
            null,
            new CaBundleSource(Kind.SECRET, "token-secret", "ca.crt"),
            false,
            null,
            "spec.tls.certificateAuthorityDataSource is invalid: secret \"ns/token-secret\" of"
                + " type \"kubernetes.io/service-account-token\" cannot be used as a certificate"
                + " authority data source"),
        new Case(
            "missing Secret key",
            null,
            new CaBundleSource(Kind.SECRET, "tls-secret", "other.crt"),
            false,
            null,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"other.crt\" not found in"
                + " secret \"ns/tls-secret\""),
        new Case(
            "empty Secret value",
            null,
            new CaBundleSource(Kind.SECRET, "opaque-secret", "empty"),
            false,
            null,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"empty\" has empty value in"
                + " secret \"ns/opaque-secret\""),
        new Case(
            "Secret value that is not PEM",
            null,
            new CaBundleSource(Kind.SECRET, "opaque-secret", "text"),
            false,
            null,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"text\" with 5 bytes of data"
                + " in secret \"ns/opaque-secret\" is not a PEM-encoded certificate"
                + NO_PEM),
        new Case(
            "ConfigMap",
            null,
            new CaBundleSource(Kind.CONFIG_MAP, "bundle", "ca.crt"),
            true,
            PEM,
            "spec.tls is valid: loaded TLS configuration"),
        new Case(
            "missing ConfigMap",
            null,
            new CaBundleSource(Kind.CONFIG_MAP, "nowhere", "ca.crt"),
            false,
            null,
            "spec.tls.certificateAuthorityDataSource is invalid: failed to get configmap"
                + " \"ns/nowhere\": configmap \"nowhere\" not found"),
        new Case(
            "missing ConfigMap key",
            null,
            new CaBundleSource(Kind.CONFIG_MAP, "bundle", "other.crt"),
            false,
            null,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"other.crt\" not found in"
                + " configmap \"ns/bundle\""),
        new Case(
            "empty ConfigMap value",
            null,
            new CaBundleSource(Kind.CONFIG_MAP, "bundle", "empty"),
            false,
            null,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"empty\" has empty value in"
                + " configmap \"ns/bundle\""),
        new Case(
            "ConfigMap value that is not PEM",
            null,
            new CaBundleSource(Kind.CONFIG_MAP, "bundle", "text"),
            false,
            null,
            "spec.tls.certificateAuthorityDataSource is invalid: key \"text\" with 5 bytes of data"
                + " in configmap \"ns/bundle\" is not a PEM-encoded certificate"
                + NO_PEM),
        new Case(
            "ConfigMap in another namespace",
            null,
            new CaBundleSource(Kind.CONFIG_MAP, "elsewhere", "ca.crt"),
            false,
            null,
            "spec.tls.certificateAuthorityDataSource is invalid: failed to get configmap"
                + " \"ns/elsewhere\": configmap \"elsewhere\" not found"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsTheTlsSpec(Case c) {
    CaBundleOutcome<String> outcome =
        reader().read(c.inline(), c.source(), NAMESPACE, "spec.tls", CaBundleReaderTest::parse);

    assertThat(outcome)
        .isEqualTo(new CaBundleOutcome<>(c.wantValid(), c.wantBundle(), c.wantMessage()));
  }

  /** Stands in for a certificate parser: the text, when it starts like a PEM certificate. */
  private static String parse(byte[] pem) {
    String text = new String(pem, StandardCharsets.UTF_8);
    if (!text.startsWith("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException("no PEM certificates");
    }
    return text;
  }

  private static CaBundleReader reader() {
    InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
    secrets.put(secret("tls-secret", "kubernetes.io/tls", Map.of("ca.crt", PEM)));
    secrets.put(
        secret("opaque-secret", "Opaque", Map.of("ca.crt", PEM, "empty", "", "text", "hello")));
    secrets.put(
        secret("token-secret", "kubernetes.io/service-account-token", Map.of("ca.crt", PEM)));
    InMemoryResourceCache<ConfigMap> configMaps = InMemoryResourceCache.create();
    configMaps.put(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName("bundle")
            .endMetadata()
            .withData(Map.of("ca.crt", PEM, "empty", "", "text", "hello"))
            .build());
    configMaps.put(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace("other")
            .withName("elsewhere")
            .endMetadata()
            .withData(Map.of("ca.crt", PEM))
            .build());
    return new CaBundleReader(secrets, configMaps);
  }

  private static Secret secret(String name, String type, Map<String, String> values) {
    Map<String, String> data = new HashMap<>();
    values.forEach((key, value) -> data.put(key, base64(value)));
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(NAMESPACE)
        .withName(name)
        .endMetadata()
        .withType(type)
        .withData(data)
        .build();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
