package dev.pinnipedjava.aggregatedapi.frontproxy;

import dev.pinnipedjava.pki.InvalidPemException;
import dev.pinnipedjava.pki.Pem;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the front-proxy configuration current by watching ConfigMap {@code
 * kube-system/extension-apiserver-authentication}, which the kube-apiserver rewrites when its
 * front-proxy CA or header flags change. Request authentication reads the last good snapshot; a
 * ConfigMap that cannot be parsed is logged and does not replace it. The same ConfigMap holds the
 * cluster's client CA ({@code client-ca-file}), which the impersonation proxy trusts; it is kept
 * here too.
 */
public final class RequestHeaderConfigWatcher
    implements Supplier<Optional<RequestHeaderConfig>>, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RequestHeaderConfigWatcher.class);
  private static final String CLIENT_CA_FILE_KEY = "client-ca-file";

  private final SharedIndexInformer<ConfigMap> informer;
  private final AtomicReference<@Nullable RequestHeaderConfig> current = new AtomicReference<>();
  private volatile List<X509Certificate> clientCa = List.of();

  public RequestHeaderConfigWatcher(KubernetesClient client) {
    this.informer =
        client
            .configMaps()
            .inNamespace(RequestHeaderConfig.NAMESPACE)
            .withName(RequestHeaderConfig.CONFIG_MAP_NAME)
            .runnableInformer(0);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(ConfigMap configMap) {
            publish(configMap);
          }

          @Override
          public void onUpdate(ConfigMap previous, ConfigMap configMap) {
            publish(configMap);
          }

          @Override
          public void onDelete(ConfigMap configMap, boolean finalStateUnknown) {
            LOG.warnf(
                "%s/%s was deleted: front-proxy requests are rejected until it returns",
                RequestHeaderConfig.NAMESPACE, RequestHeaderConfig.CONFIG_MAP_NAME);
            current.set(null);
            clientCa = List.of();
          }
        });
  }

  /** Starts watching; the first snapshot arrives asynchronously. */
  public void start() {
    informer.start();
  }

  /** Whether the ConfigMap has been read at least once (it may have been absent). */
  public boolean hasSynced() {
    return informer.hasSynced();
  }

  @Override
  public Optional<RequestHeaderConfig> get() {
    return Optional.ofNullable(current.get());
  }

  /** The CAs of the cluster's client certificates ({@code client-ca-file}); empty when unknown. */
  public List<X509Certificate> clientCertificateAuthorities() {
    return clientCa;
  }

  @Override
  public void close() {
    informer.close();
  }

  private void publishClientCa(String pem) {
    if (pem.isBlank()) {
      clientCa = List.of();
      return;
    }
    try {
      clientCa = Pem.decodeCertificates(pem);
    } catch (InvalidPemException e) {
      LOG.errorf(
          "ignoring the unusable %s of %s/%s: %s",
          CLIENT_CA_FILE_KEY,
          RequestHeaderConfig.NAMESPACE,
          RequestHeaderConfig.CONFIG_MAP_NAME,
          e.getMessage());
    }
  }

  private void publish(ConfigMap configMap) {
    @Nullable Map<String, String> data = configMap.getData();
    publishClientCa(data == null ? "" : data.getOrDefault(CLIENT_CA_FILE_KEY, ""));
    try {
      Optional<RequestHeaderConfig> config =
          RequestHeaderConfig.fromConfigMapData(data == null ? Map.of() : data);
      current.set(config.orElse(null));
      if (config.isEmpty()) {
        LOG.warnf(
            "%s/%s has no %s: the kube-apiserver has no front proxy configured",
            RequestHeaderConfig.NAMESPACE,
            RequestHeaderConfig.CONFIG_MAP_NAME,
            RequestHeaderConfig.CLIENT_CA_KEY);
      } else {
        LOG.infof(
            "front-proxy configuration loaded from %s/%s (resourceVersion %s)",
            RequestHeaderConfig.NAMESPACE,
            RequestHeaderConfig.CONFIG_MAP_NAME,
            configMap.getMetadata().getResourceVersion());
      }
    } catch (IllegalArgumentException e) {
      LOG.errorf(
          "ignoring unusable %s/%s, keeping the previous front-proxy configuration: %s",
          RequestHeaderConfig.NAMESPACE, RequestHeaderConfig.CONFIG_MAP_NAME, e.getMessage());
    }
  }
}
