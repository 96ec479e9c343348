package dev.pinnipedjava.aggregatedapi.apicerts;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Keeps {@code spec.caBundle} of the server's APIServices equal to the aggregation CA, so that the
 * kube-apiserver trusts the serving certificate. Watches each APIService by name (the server may
 * read no other) and patches it whenever it is created or its bundle differs.
 */
public final class ApiServiceCaBundleController implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ApiServiceCaBundleController.class);

  private static final ResourceDefinitionContext API_SERVICES =
      new ResourceDefinitionContext.Builder()
          .withGroup("apiregistration.k8s.io")
          .withVersion("v1")
          .withKind("APIService")
          .withPlural("apiservices")
          .withNamespaced(false)
          .build();

  /** How often each APIService is checked again even without changes, to retry failed patches. */
  private static final Duration RESYNC = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private volatile String caBundleBase64;
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();

  /**
   * @param apiServiceNames the APIServices to keep current, such as {@code
   *     v1alpha1.login.concierge.pinniped.dev}
   */
  public ApiServiceCaBundleController(
      KubernetesClient client, List<String> apiServiceNames, String caBundlePem) {
    this.client = client;
    this.caBundleBase64 =
        Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.UTF_8));
    for (String name : apiServiceNames) {
      SharedIndexInformer<GenericKubernetesResource> informer =
          client
              .genericKubernetesResources(API_SERVICES)
              .withName(name)
              .runnableInformer(RESYNC.toMillis());
      informer.addEventHandler(
          new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource apiService) {
              reconcile(apiService);
            }

            @Override
            public void onUpdate(
                GenericKubernetesResource previous, GenericKubernetesResource apiService) {
              reconcile(apiService);
            }

            @Override
            public void onDelete(GenericKubernetesResource apiService, boolean finalStateUnknown) {
              // Nothing to keep current until it is created again.
            }
          });
      informers.add(informer);
    }
  }

  public void start() {
    informers.forEach(SharedIndexInformer::start);
  }

  /** Keeps the APIServices at {@code caBundlePem} from now on. */
  public void setCaBundle(String caBundlePem) {
    String wanted =
        Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.UTF_8));
    if (wanted.equals(caBundleBase64)) {
      return;
    }
    caBundleBase64 = wanted;
    for (SharedIndexInformer<GenericKubernetesResource> informer : informers) {
      informer.getStore().list().forEach(this::reconcile);
    }
  }

  /**
   * Whether every APIService that exists has been seen, through the watch, holding the bundle last
   * set: the kube-apiserver then trusts it.
   */
  public boolean isCurrent() {
    String wanted = caBundleBase64;
    return informers.stream()
        .allMatch(
            informer ->
                informer.hasSynced()
                    && informer.getStore().list().stream()
                        .allMatch(apiService -> wanted.equals(currentCaBundle(apiService))));
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }

  private void reconcile(GenericKubernetesResource apiService) {
    String name = apiService.getMetadata().getName();
    String caBundleBase64 = this.caBundleBase64;
    if (caBundleBase64.equals(currentCaBundle(apiService))) {
      return;
    }
    try {
      client
          .genericKubernetesResources(API_SERVICES)
          .withName(name)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              client
                  .getKubernetesSerialization()
                  .asJson(Map.of("spec", Map.of("caBundle", caBundleBase64))));
      LOG.infof("updated the caBundle of APIService %s", name);
    } catch (KubernetesClientException e) {
      // Retried at the next resync.
      LOG.warnf("cannot update the caBundle of APIService %s: %s", name, e.getMessage());
    }
  }

  private static @Nullable String currentCaBundle(GenericKubernetesResource apiService) {
    Object spec = apiService.getAdditionalProperties().get("spec");
    if (spec instanceof Map<?, ?> map && map.get("caBundle") instanceof String caBundle) {
      return caBundle;
    }
    return null;
  }
}
