package dev.pinnipedjava.concierge.issuerconfig;

import dev.pinnipedjava.api.concierge.config.v1alpha1.ConciergeConfigGroup;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuer;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerSpec;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerStatus;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerStrategy;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyReason;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.concierge.certissuer.ClusterSignerAvailability;
import dev.pinnipedjava.concierge.impersonatorconfig.ImpersonationProxyConfigurator;
import dev.pinnipedjava.concierge.workqueue.AnyChange;
import dev.pinnipedjava.concierge.workqueue.SyncQueue;
import dev.pinnipedjava.controller.leaderelection.NotLeaderException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the Concierge's CredentialIssuer current: reads its {@code spec.impersonationProxy}, has
 * the impersonation proxy follow it, and writes both strategies (KubeClusterSigningCertificate and
 * ImpersonationProxy) into its status, only when something other than {@code lastUpdateTime}
 * changed. Creates the CredentialIssuer with Pinniped's defaults when it is missing. Syncs when the
 * CredentialIssuer, {@code kube-public/cluster-info} or the proxy's Services change, and at every
 * informer resync.
 */
public final class CredentialIssuerController implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CredentialIssuerController.class);

  /** Pinniped's informer resync period. */
  private static final Duration RESYNC = Duration.ofMinutes(3);

  private final KubernetesClient client;
  private final String name;
  private final Map<String, String> labels;
  private final ClusterSignerAvailability signer;
  private final @Nullable String discoveryUrl;
  private final ImpersonationProxyConfigurator impersonation;
  private final Clock clock;
  private final ResourceDefinitionContext resource;
  private final KubernetesSerialization serialization;
  private final SyncQueue queue;
  private final SharedIndexInformer<GenericKubernetesResource> issuers;
  private final SharedIndexInformer<ConfigMap> clusterInfo;
  private final SharedIndexInformer<Service> services;

  /**
   * @param signer whether the cluster's client CA is available to sign certificates
   * @param discoveryUrl {@code discovery.url}, or null
   */
  public CredentialIssuerController(
      KubernetesClient client,
      ApiGroupSuffix suffix,
      String name,
      String namespace,
      Map<String, String> labels,
      ClusterSignerAvailability signer,
      @Nullable String discoveryUrl,
      ImpersonationProxyConfigurator impersonation,
      Clock clock) {
    this.client = client;
    this.name = name;
    this.labels = Map.copyOf(labels);
    this.signer = signer;
    this.discoveryUrl = discoveryUrl;
    this.impersonation = impersonation;
    this.clock = clock;
    this.resource =
        new ResourceDefinitionContext.Builder()
            .withGroup(suffix.group(ConciergeConfigGroup.NAME))
            .withVersion(ConciergeConfigGroup.VERSION)
            .withKind("CredentialIssuer")
            .withPlural("credentialissuers")
            .withNamespaced(false)
            .build();
    this.serialization = client.getKubernetesSerialization();
    this.queue = new SyncQueue("credentialissuer-controller", key -> sync());
    this.issuers =
        client
            .genericKubernetesResources(resource)
            .withName(name)
            .runnableInformer(RESYNC.toMillis());
    issuers.addEventHandler(onAnyChange(object -> true));
    this.clusterInfo =
        client
            .configMaps()
            .inNamespace(ClusterInfo.NAMESPACE)
            .withName(ClusterInfo.NAME)
            .runnableInformer(0);
    clusterInfo.addEventHandler(onAnyChange(object -> true));
    this.services = client.services().inNamespace(namespace).runnableInformer(0);
    services.addEventHandler(
        onAnyChange(service -> impersonation.ownsService(service.getMetadata().getName())));
    signer.onChange(() -> queue.enqueue(name));
  }

  /** Starts watching; the first sync runs once the CredentialIssuer has been listed. */
  public void start() {
    clusterInfo.start();
    services.start();
    issuers.start();
    queue.enqueue(name);
  }

  /** Syncs the CredentialIssuer again, e.g. once this replica leads and may write its status. */
  public void resync() {
    queue.enqueue(name);
  }

  /** Whether the CredentialIssuer has been listed at least once. */
  public boolean hasSynced() {
    return issuers.hasSynced();
  }

  @Override
  public void close() {
    issuers.close();
    clusterInfo.close();
    services.close();
    queue.close();
    impersonation.close();
  }

  private <T> AnyChange<T> onAnyChange(Predicate<T> relevant) {
    return new AnyChange<>(
        object -> {
          if (relevant.test(object)) {
            queue.enqueue(name);
          }
        });
  }

  /** One sync; true asks for a retry. */
  private boolean sync() {
    if (!issuers.hasSynced() || !clusterInfo.hasSynced()) {
      return true;
    }
    GenericKubernetesResource stored = issuers.getStore().getByKey(name);
    if (stored == null) {
      return create();
    }
    CredentialIssuer issuer = serialization.convertValue(stored, CredentialIssuer.class);
    CredentialIssuerSpec spec = issuer.getSpec();
    CredentialIssuerStrategy proxy =
        impersonation.reconcile(spec == null ? null : spec.impersonationProxy());
    // Setup errors (an API call that failed, a port in use) may pass: try again with backoff.
    boolean retry = proxy.reason() == StrategyReason.ERROR_DURING_SETUP;
    List<CredentialIssuerStrategy> computed =
        List.of(
            KubeClusterSigningStrategy.evaluate(
                signer.problem(),
                clusterInfo.getStore().getByKey(ClusterInfo.NAMESPACE + "/" + ClusterInfo.NAME),
                discoveryUrl,
                clock.instant()),
            proxy);
    CredentialIssuerStatus previous = issuer.getStatus();
    List<CredentialIssuerStrategy> before =
        previous == null || previous.strategies() == null ? List.of() : previous.strategies();
    List<CredentialIssuerStrategy> after = StrategyMerge.merge(before, computed);
    if (after.equals(before)) {
      return retry;
    }
    try {
      client
          .genericKubernetesResources(resource)
          .withName(name)
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              serialization.asJson(Map.of("status", new CredentialIssuerStatus(after))));
      LOG.infof("updated the status of CredentialIssuer %s", name);
      return retry;
    } catch (KubernetesClientException e) {
      if (NotLeaderException.isCause(e)) {
        LOG.debugf("the status of CredentialIssuer %s is left to the leader", name);
        return false;
      }
      LOG.warnf("cannot update the status of CredentialIssuer %s: %s", name, e.getMessage());
      return true;
    }
  }

  /** Creates the CredentialIssuer with Pinniped's default spec; its add event syncs again. */
  private boolean create() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", resource.getGroup() + "/" + resource.getVersion());
    object.put("kind", "CredentialIssuer");
    object.put("metadata", Map.of("name", name, "labels", labels));
    object.put(
        "spec",
        Map.of(
            "impersonationProxy",
            Map.of("mode", "auto", "service", Map.of("type", "LoadBalancer"))));
    try {
      client
          .genericKubernetesResources(resource)
          .resource(serialization.convertValue(object, GenericKubernetesResource.class))
          .create();
      LOG.infof("created CredentialIssuer %s", name);
      return false;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 || NotLeaderException.isCause(e)) {
        return false; // another replica created it, or the leader will
      }
      LOG.warnf("cannot create CredentialIssuer %s: %s", name, e.getMessage());
      return true;
    }
  }
}
