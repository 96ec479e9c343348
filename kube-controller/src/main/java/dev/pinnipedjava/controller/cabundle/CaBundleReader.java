package dev.pinnipedjava.controller.cabundle;

import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the CA bundle of a {@code spec.tls}, inline base64 or from a Secret or ConfigMap in a
 * namespace, with Pinniped's messages ({@code tlsconfigutil}). Secrets and ConfigMaps are read from
 * caches, so that a changed bundle is seen at the next sync.
 */
public final class CaBundleReader {
  private static final String SECRET_TYPE_TLS = "kubernetes.io/tls";
  private static final String SECRET_TYPE_OPAQUE = "Opaque";
  private static final String NO_PEM =
      "(PEM certificates must begin with \"-----BEGIN CERTIFICATE-----\")";

  private final ResourceCache<Secret> secrets;
  private final ResourceCache<ConfigMap> configMaps;

  public CaBundleReader(ResourceCache<Secret> secrets, ResourceCache<ConfigMap> configMaps) {
    this.secrets = secrets;
    this.configMaps = configMaps;
  }

  /**
   * The CA bundle {@code spec.tls} configures.
   *
   * @param inlineBase64 {@code certificateAuthorityData}: base64 of PEM certificates
   * @param source {@code certificateAuthorityDataSource}, read from {@code namespace}
   * @param prefix the field path for messages, such as {@code spec.tls}
   * @param parse makes a bundle of PEM bytes; throws {@link IllegalArgumentException} when they
   *     hold no certificate
   */
  public <T> CaBundleOutcome<T> read(
      @Nullable String inlineBase64,
      @Nullable CaBundleSource source,
      String namespace,
      String prefix,
      Function<byte[], T> parse) {
    boolean hasInline = inlineBase64 != null && !inlineBase64.isEmpty();
    if (hasInline && source != null) {
      return invalid(
          prefix
              + " is invalid: both tls.certificateAuthorityDataSource and"
              + " tls.certificateAuthorityData provided");
    }
    if (source != null) {
      return fromSource(
          source, namespace, prefix + ".certificateAuthorityDataSource", prefix, parse);
    }
    if (inlineBase64 == null || !hasInline) {
      return new CaBundleOutcome<>(true, null, prefix + " is valid: no TLS configuration provided");
    }
    String field = prefix + ".certificateAuthorityData";
    byte[] pem;
    try {
      pem = Base64.getDecoder().decode(inlineBase64.trim());
    } catch (IllegalArgumentException e) {
      return invalid(field + " is invalid: illegal base64 data");
    }
    try {
      return loaded(parse.apply(pem), prefix);
    } catch (IllegalArgumentException e) {
      return invalid(
          "%s is invalid: no base64-encoded PEM certificates found in %d bytes of data %s"
              .formatted(field, inlineBase64.length(), NO_PEM));
    }
  }

  /**
   * The PEM text a source in {@code namespace} holds.
   *
   * @throws UnreadableCaBundleSourceException with Pinniped's message when the object or key is
   *     missing or empty, or the Secret has a type that may not hold a CA bundle
   */
  public String read(CaBundleSource source, String namespace)
      throws UnreadableCaBundleSourceException {
    String namespacedName = namespace + "/" + source.name();
    String kind = source.kind().objectName();
    Key key = Key.namespaced(namespace, source.name());
    @Nullable String value =
        switch (source.kind()) {
          case SECRET ->
              secretValue(
                  secrets.get(key).orElseThrow(() -> notFound(source, namespacedName)),
                  source.key(),
                  namespacedName);
          case CONFIG_MAP ->
              Optional.ofNullable(
                      configMaps
                          .get(key)
                          .orElseThrow(() -> notFound(source, namespacedName))
                          .getData())
                  .orElse(Map.of())
                  .get(source.key());
        };
    if (value == null) {
      throw new UnreadableCaBundleSourceException(
          "key \"%s\" not found in %s \"%s\"".formatted(source.key(), kind, namespacedName));
    }
    if (value.isEmpty()) {
      throw new UnreadableCaBundleSourceException(
          "key \"%s\" has empty value in %s \"%s\"".formatted(source.key(), kind, namespacedName));
    }
    return value;
  }

  /** The Secret's value of {@code key}, decoded: the API server sends values base64-encoded. */
  private static @Nullable String secretValue(Secret secret, String key, String namespacedName)
      throws UnreadableCaBundleSourceException {
    String type = secret.getType();
    if (!SECRET_TYPE_TLS.equals(type) && !SECRET_TYPE_OPAQUE.equals(type)) {
      throw new UnreadableCaBundleSourceException(
          "secret \"%s\" of type \"%s\" cannot be used as a certificate authority data source"
              .formatted(namespacedName, type));
    }
    String encoded = Optional.ofNullable(secret.getData()).orElse(Map.of()).get(key);
    return encoded == null ? null : decode(encoded);
  }

  /** The text of base64 bytes; undecodable data reads as empty. */
  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static UnreadableCaBundleSourceException notFound(
      CaBundleSource source, String namespacedName) {
    String kind = source.kind().objectName();
    return new UnreadableCaBundleSourceException(
        "failed to get %s \"%s\": %s \"%s\" not found"
            .formatted(kind, namespacedName, kind, source.name()));
  }

  private static <T> CaBundleOutcome<T> loaded(T bundle, String prefix) {
    return new CaBundleOutcome<>(true, bundle, prefix + " is valid: loaded TLS configuration");
  }

  private static <T> CaBundleOutcome<T> invalid(String message) {
    return new CaBundleOutcome<>(false, null, message);
  }

  private <T> CaBundleOutcome<T> fromSource(
      CaBundleSource source,
      String namespace,
      String field,
      String prefix,
      Function<byte[], T> parse) {
    String pem;
    try {
      pem = read(source, namespace);
    } catch (UnreadableCaBundleSourceException e) {
      return invalid(field + " is invalid: " + e.getMessage());
    }
    try {
      return loaded(parse.apply(pem.getBytes(StandardCharsets.UTF_8)), prefix);
    } catch (IllegalArgumentException e) {
      return invalid(
          "%s is invalid: key \"%s\" with %d bytes of data in %s \"%s/%s\" is not a PEM-encoded certificate %s"
              .formatted(
                  field,
                  source.key(),
                  pem.length(),
                  source.kind().objectName(),
                  namespace,
                  source.name(),
                  NO_PEM));
    }
  }
}
