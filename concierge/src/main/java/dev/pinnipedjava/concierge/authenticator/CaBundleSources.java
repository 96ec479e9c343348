package dev.pinnipedjava.concierge.authenticator;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceKind;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.TLSSpec;
import dev.pinnipedjava.controller.InformerResourceCache;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.Subscription;
import dev.pinnipedjava.controller.cabundle.CaBundleOutcome;
import dev.pinnipedjava.controller.cabundle.CaBundleReader;
import dev.pinnipedjava.controller.cabundle.CaBundleSource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The Secrets and ConfigMaps of the Concierge's namespace, from which an authenticator's {@code
 * spec.tls.certificateAuthorityDataSource} reads its CA bundle. Read from watched caches, so that a
 * changed bundle reaches the authenticators that name it.
 */
public final class CaBundleSources implements AutoCloseable {
  private final String namespace;
  private final ResourceCache<Secret> secrets;
  private final ResourceCache<ConfigMap> configMaps;
  private final CaBundleReader reader;
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
    this.reader = new CaBundleReader(secrets, configMaps);
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
   * The CA bundle {@code tls} configures, with the message of its {@code TLSConfigurationValid}
   * condition.
   *
   * @param prefix the field path for messages, such as {@code spec.tls}
   */
  public CaBundleOutcome<CaBundle> read(@Nullable TLSSpec tls, String prefix) {
    CertificateAuthorityDataSourceSpec source =
        tls == null ? null : tls.certificateAuthorityDataSource();
    return reader.read(
        tls == null ? null : tls.certificateAuthorityData(),
        source == null
            ? null
            : new CaBundleSource(kind(source.kind()), source.name(), source.key()),
        namespace,
        prefix,
        CaBundle::fromPem);
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

  private static CaBundleSource.Kind kind(CertificateAuthorityDataSourceKind kind) {
    return switch (kind) {
      case SECRET -> CaBundleSource.Kind.SECRET;
      case CONFIG_MAP -> CaBundleSource.Kind.CONFIG_MAP;
    };
  }
}
