package dev.pinnipedjava.supervisor.upstream;

import dev.pinnipedjava.api.supervisor.idp.v1alpha1.CertificateAuthorityDataSourceKind;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.CertificateAuthorityDataSourceSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.TLSSpec;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.cabundle.CaBundleOutcome;
import dev.pinnipedjava.controller.cabundle.CaBundleReader;
import dev.pinnipedjava.controller.cabundle.CaBundleSource;
import dev.pinnipedjava.controller.conditions.Conditions;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import org.jspecify.annotations.Nullable;

/**
 * Reads an identity provider's {@code spec.tls} into the authorities its connections trust, and the
 * {@code TLSConfigurationValid} condition, with Pinniped's reasons and messages ({@code
 * tlsconfigutil}). CA data from a Secret or ConfigMap is read from the caches, so that a change to
 * them is picked up at the next sync.
 */
public final class UpstreamTlsConfiguration {
  public static final String TYPE_TLS_CONFIGURATION_VALID = "TLSConfigurationValid";
  public static final String REASON_INVALID_TLS_CONFIG = "InvalidTLSConfig";

  private final CaBundleReader reader;

  public UpstreamTlsConfiguration(
      ResourceCache<Secret> secrets, ResourceCache<ConfigMap> configMaps) {
    this.reader = new CaBundleReader(secrets, configMaps);
  }

  /**
   * The validated configuration.
   *
   * @param trust the authorities to trust, when the condition is True
   */
  public record Validated(DesiredCondition condition, @Nullable UpstreamTlsTrust trust) {
    public boolean isValid() {
      return trust != null;
    }
  }

  /**
   * Validates {@code spec}.
   *
   * @param prefix the field path for messages, such as {@code spec.tls}
   */
  public Validated validate(@Nullable TLSSpec spec, String prefix, String namespace) {
    CertificateAuthorityDataSourceSpec source =
        spec == null ? null : spec.certificateAuthorityDataSource();
    CaBundleOutcome<UpstreamTlsTrust> outcome =
        reader.read(
            spec == null ? null : spec.certificateAuthorityData(),
            source == null
                ? null
                : new CaBundleSource(kind(source.kind()), source.name(), source.key()),
            namespace,
            prefix,
            UpstreamTlsTrust::fromPem);
    if (!outcome.valid()) {
      return invalid(outcome.message());
    }
    UpstreamTlsTrust trust = outcome.bundle();
    return valid(outcome.message(), trust == null ? UpstreamTlsTrust.system() : trust);
  }

  private static CaBundleSource.Kind kind(CertificateAuthorityDataSourceKind kind) {
    return switch (kind) {
      case SECRET -> CaBundleSource.Kind.SECRET;
      case CONFIG_MAP -> CaBundleSource.Kind.CONFIG_MAP;
    };
  }

  private static Validated valid(String message, UpstreamTlsTrust trust) {
    return new Validated(
        DesiredCondition.isTrue(TYPE_TLS_CONFIGURATION_VALID, Conditions.REASON_SUCCESS, message),
        trust);
  }

  private static Validated invalid(String message) {
    return new Validated(
        DesiredCondition.isFalse(TYPE_TLS_CONFIGURATION_VALID, REASON_INVALID_TLS_CONFIG, message),
        null);
  }
}
