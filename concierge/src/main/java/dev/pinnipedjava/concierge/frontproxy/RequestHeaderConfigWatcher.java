package dev.pinnipedjava.concierge.frontproxy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
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
 * ConfigMap that cannot be parsed is logged and does not replace it.
 */
public final class RequestHeaderConfigWatcher
    implements Supplier<Optional<RequestHeaderConfig>>, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RequestHeaderConfigWatcher.class);

  private final SharedIndexInformer<ConfigMap> informer;
  private final AtomicReference<@Nullable RequestHeaderConfig> current = new AtomicReference<>();

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

  @Override
  public void close() {
    informer.close();
  }

  private void publish(ConfigMap configMap) {
    @Nullable Map<String, String> data = configMap.getData();
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
