package dev.pinnipedjava.supervisor.upstream;

import dev.pinnipedjava.api.supervisor.idp.v1alpha1.CertificateAuthorityDataSourceKind;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.CertificateAuthorityDataSourceSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.TLSSpec;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.conditions.Conditions;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
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

  private static final String NO_PEM =
      "(PEM certificates must begin with \"-----BEGIN CERTIFICATE-----\")";

  private final ResourceCache<Secret> secrets;
  private final ResourceCache<ConfigMap> configMaps;

  public UpstreamTlsConfiguration(
      ResourceCache<Secret> secrets, ResourceCache<ConfigMap> configMaps) {
    this.secrets = secrets;
    this.configMaps = configMaps;
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
    if (spec == null) {
      return valid(prefix + " is valid: no TLS configuration provided", UpstreamTlsTrust.system());
    }
    String inline = spec.certificateAuthorityData();
    CertificateAuthorityDataSourceSpec source = spec.certificateAuthorityDataSource();
    if (inline != null && !inline.isEmpty() && source != null) {
      return invalid(
          prefix
              + " is invalid: both tls.certificateAuthorityDataSource and"
              + " tls.certificateAuthorityData provided");
    }
    if (source != null) {
      String field = prefix + ".certificateAuthorityDataSource";
      String bundle;
      try {
        bundle = read(source, namespace);
      } catch (InvalidSource e) {
        return invalid(field + " is invalid: " + e.getMessage());
      }
      byte[] pem = bundle.getBytes(StandardCharsets.UTF_8);
      try {
        return valid(prefix + " is valid: loaded TLS configuration", UpstreamTlsTrust.fromPem(pem));
      } catch (IllegalArgumentException e) {
        return invalid(
            "%s is invalid: key \"%s\" with %d bytes of data in %s \"%s/%s\" is not a PEM-encoded certificate %s"
                .formatted(
                    field,
                    source.key(),
                    bundle.length(),
                    kindName(source.kind()),
                    namespace,
                    source.name(),
                    NO_PEM));
      }
    }
    if (inline == null || inline.isEmpty()) {
      return valid(prefix + " is valid: no TLS configuration provided", UpstreamTlsTrust.system());
    }
    String field = prefix + ".certificateAuthorityData";
    byte[] pem;
    try {
      pem = Base64.getDecoder().decode(inline);
    } catch (IllegalArgumentException e) {
      return invalid(field + " is invalid: illegal base64 data");
    }
    try {
      return valid(prefix + " is valid: loaded TLS configuration", UpstreamTlsTrust.fromPem(pem));
    } catch (IllegalArgumentException e) {
      return invalid(
          "%s is invalid: no base64-encoded PEM certificates found in %d bytes of data %s"
              .formatted(field, inline.length(), NO_PEM));
    }
  }

  private static String kindName(CertificateAuthorityDataSourceKind kind) {
    return switch (kind) {
      case SECRET -> "secret";
      case CONFIG_MAP -> "configmap";
    };
  }

  private String read(CertificateAuthorityDataSourceSpec source, String namespace)
      throws InvalidSource {
    String namespacedName = namespace + "/" + source.name();
    Key key = Key.namespaced(namespace, source.name());
    return switch (source.kind()) {
      case SECRET -> {
        Secret secret =
            secrets
                .get(key)
                .orElseThrow(
                    () ->
                        new InvalidSource(
                            "failed to get secret \"%s\": secret \"%s\" not found"
                                .formatted(namespacedName, source.name())));
        String type = secret.getType();
        if (!"kubernetes.io/tls".equals(type) && !"Opaque".equals(type)) {
          throw new InvalidSource(
              "secret \"%s\" of type \"%s\" cannot be used as a certificate authority data source"
                  .formatted(namespacedName, type));
        }
        String encoded = Optional.ofNullable(secret.getData()).orElse(Map.of()).get(source.key());
        if (encoded == null) {
          throw new InvalidSource(
              "key \"%s\" not found in secret \"%s\"".formatted(source.key(), namespacedName));
        }
        String value = decode(encoded);
        if (value.isEmpty()) {
          throw new InvalidSource(
              "key \"%s\" has empty value in secret \"%s\""
                  .formatted(source.key(), namespacedName));
        }
        yield value;
      }
      case CONFIG_MAP -> {
        ConfigMap configMap =
            configMaps
                .get(key)
                .orElseThrow(
                    () ->
                        new InvalidSource(
                            "failed to get configmap \"%s\": configmap \"%s\" not found"
                                .formatted(namespacedName, source.name())));
        String value = Optional.ofNullable(configMap.getData()).orElse(Map.of()).get(source.key());
        if (value == null) {
          throw new InvalidSource(
              "key \"%s\" not found in configmap \"%s\"".formatted(source.key(), namespacedName));
        }
        if (value.isEmpty()) {
          throw new InvalidSource(
              "key \"%s\" has empty value in configmap \"%s\""
                  .formatted(source.key(), namespacedName));
        }
        yield value;
      }
    };
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
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

  /** Why a CA data source cannot be read; the message is Pinniped's. */
  private static final class InvalidSource extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidSource(String message) {
      super(message);
    }
  }
}
