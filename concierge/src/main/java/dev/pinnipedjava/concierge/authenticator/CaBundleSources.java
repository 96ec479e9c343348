package dev.pinnipedjava.concierge.authenticator;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceKind;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceSpec;
import dev.pinnipedjava.controller.InformerResourceCache;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.Subscription;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Secrets and ConfigMaps of the Concierge's namespace, from which an authenticator's {@code
 * spec.tls.certificateAuthorityDataSource} reads its CA bundle. Read from watched caches, so that a
 * changed bundle reaches the authenticators that name it.
 */
public final class CaBundleSources implements AutoCloseable {
  private static final String SECRET_TYPE_TLS = "kubernetes.io/tls";
  private static final String SECRET_TYPE_OPAQUE = "Opaque";

  private final String namespace;
  private final ResourceCache<Secret> secrets;
  private final ResourceCache<ConfigMap> configMaps;
  private final List<AutoCloseable> watches;

  /**
   * @param namespace the Concierge's namespace, the only one sources are read from
   */
  public CaBundleSources(
      String namespace, ResourceCache<Secret> secrets, ResourceCache<ConfigMap> configMaps) {
    this(namespace, secrets, configMaps, List.of());
  }

  private CaBundleSources(
      String namespace,
      ResourceCache<Secret> secrets,
      ResourceCache<ConfigMap> configMaps,
      List<AutoCloseable> watches) {
    this.namespace = namespace;
    this.secrets = secrets;
    this.configMaps = configMaps;
    this.watches = List.copyOf(watches);
  }

  /** Starts watching the Secrets and ConfigMaps of {@code namespace}. */
  public static CaBundleSources watching(KubernetesClient client, String namespace) {
    InformerResourceCache<Secret> secrets =
        InformerResourceCache.of(
                client.secrets().inNamespace(namespace).runnableInformer(0),
                "secrets in " + namespace)
            .start();
    InformerResourceCache<ConfigMap> configMaps =
        InformerResourceCache.of(
                client.configMaps().inNamespace(namespace).runnableInformer(0),
                "configmaps in " + namespace)
            .start();
    return new CaBundleSources(namespace, secrets, configMaps, List.of(secrets, configMaps));
  }

  /** A reference to one source object, as a change notification names it. */
  public record Reference(CertificateAuthorityDataSourceKind kind, String name) {
    /** Whether {@code source} reads from this object. */
    public boolean isReadBy(CertificateAuthorityDataSourceSpec source) {
      return source.kind() == kind && source.name().equals(name);
    }
  }

  public String namespace() {
    return namespace;
  }

  /** Whether both caches have their first list: until then a source may look missing. */
  public boolean hasSynced() {
    return secrets.hasSynced() && configMaps.hasSynced();
  }

  /** Tells {@code listener} of every added, changed or deleted Secret or ConfigMap. */
  public Subscription onChange(Consumer<Reference> listener) {
    Subscription secretChanges =
        secrets.addListener(
            event ->
                listener.accept(
                    new Reference(
                        CertificateAuthorityDataSourceKind.SECRET,
                        event.object().getMetadata().getName())));
    Subscription configMapChanges =
        configMaps.addListener(
            event ->
                listener.accept(
                    new Reference(
                        CertificateAuthorityDataSourceKind.CONFIG_MAP,
                        event.object().getMetadata().getName())));
    return () -> {
      secretChanges.close();
      configMapChanges.close();
    };
  }

  /**
   * The PEM text the source holds.
   *
   * @throws UnreadableSourceException with Pinniped's message when the object or key is missing or
   *     empty, or the Secret has a type that may not hold a CA bundle
   */
  public String read(CertificateAuthorityDataSourceSpec source) throws UnreadableSourceException {
    String namespacedName = namespace + "/" + source.name();
    Key key = Key.namespaced(namespace, source.name());
    return switch (source.kind()) {
      case SECRET -> {
        Secret secret =
            secrets
                .get(key)
                .orElseThrow(
                    () ->
                        new UnreadableSourceException(
                            "failed to get secret \"%s\": secret \"%s\" not found"
                                .formatted(namespacedName, source.name())));
        String type = secret.getType();
        if (!SECRET_TYPE_TLS.equals(type) && !SECRET_TYPE_OPAQUE.equals(type)) {
          throw new UnreadableSourceException(
              "secret \"%s\" of type \"%s\" cannot be used as a certificate authority data source"
                  .formatted(namespacedName, type));
        }
        String encoded = Optional.ofNullable(secret.getData()).orElse(Map.of()).get(source.key());
        if (encoded == null) {
          throw new UnreadableSourceException(
              "key \"%s\" not found in secret \"%s\"".formatted(source.key(), namespacedName));
        }
        String value = decodeSecretValue(encoded);
        if (value.isEmpty()) {
          throw new UnreadableSourceException(
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
                        new UnreadableSourceException(
                            "failed to get configmap \"%s\": configmap \"%s\" not found"
                                .formatted(namespacedName, source.name())));
        String value = Optional.ofNullable(configMap.getData()).orElse(Map.of()).get(source.key());
        if (value == null) {
          throw new UnreadableSourceException(
              "key \"%s\" not found in configmap \"%s\"".formatted(source.key(), namespacedName));
        }
        if (value.isEmpty()) {
          throw new UnreadableSourceException(
              "key \"%s\" has empty value in configmap \"%s\""
                  .formatted(source.key(), namespacedName));
        }
        yield value;
      }
    };
  }

  /** Stops the watches this object started. */
  @Override
  public void close() {
    for (AutoCloseable watch : watches) {
      try {
        watch.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop watching CA bundle sources", e);
      }
    }
  }

  /** The API server sends Secret data base64-encoded; the text is what the bytes say. */
  private static String decodeSecretValue(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** Why a source cannot be read; the message is Pinniped's, fit for a status condition. */
  public static final class UnreadableSourceException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableSourceException(String message) {
      super(message);
    }
  }
}
