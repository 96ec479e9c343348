package dev.pinnipedjava.concierge.impersonatorconfig;

import dev.pinnipedjava.api.concierge.config.v1alpha1.ImpersonationProxyServiceSpec;
import dev.pinnipedjava.api.concierge.config.v1alpha1.ImpersonationProxyServiceType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The Service the Concierge puts in front of the impersonation proxy when no external endpoint is
 * configured: a LoadBalancer or a ClusterIP Service, port 443 to the proxy's port, selecting the
 * Concierge's pods by their {@code app} label. The endpoint is the load balancer's hostname or IP,
 * or the cluster IP; a load balancer without one yet leaves the proxy pending.
 */
final class ProxyServices {
  private static final Logger LOG = Logger.getLogger(ProxyServices.class);
  private static final int HTTPS_PORT = 443;

  private final KubernetesClient client;
  private final String namespace;
  private final String loadBalancerName;
  private final String clusterIpName;
  private final Map<String, String> labels;
  private final int targetPort;

  ProxyServices(
      KubernetesClient client,
      String namespace,
      String loadBalancerName,
      String clusterIpName,
      Map<String, String> labels,
      int targetPort) {
    this.client = client;
    this.namespace = namespace;
    this.loadBalancerName = loadBalancerName;
    this.clusterIpName = clusterIpName;
    this.labels = Map.copyOf(labels);
    this.targetPort = targetPort;
  }

  /**
   * Creates or updates the Service the spec asks for, deletes the other one, and returns the
   * endpoint, or empty while a load balancer has no address.
   */
  Optional<ProxyEndpoint> ensure(ImpersonationProxyServiceSpec spec) {
    ImpersonationProxyServiceType type =
        spec.type() == null ? ImpersonationProxyServiceType.LOAD_BALANCER : spec.type();
    if (type == ImpersonationProxyServiceType.NONE) {
      throw new IllegalArgumentException(
          "spec.impersonationProxy.externalEndpoint must be set when"
              + " spec.impersonationProxy.service.type is None");
    }
    boolean loadBalancer = type == ImpersonationProxyServiceType.LOAD_BALANCER;
    delete(loadBalancer ? clusterIpName : loadBalancerName);
    Service service =
        ensureService(loadBalancer ? loadBalancerName : clusterIpName, spec, loadBalancer);
    if (!loadBalancer) {
      String clusterIp = service.getSpec().getClusterIP();
      return clusterIp == null || clusterIp.isEmpty() || clusterIp.equals("None")
          ? Optional.empty()
          : Optional.of(
              ProxyEndpoint.of(clusterIp.contains(":") ? "[" + clusterIp + "]" : clusterIp));
    }
    List<LoadBalancerIngress> ingresses =
        service.getStatus() == null || service.getStatus().getLoadBalancer() == null
            ? List.of()
            : Objects.requireNonNullElse(
                service.getStatus().getLoadBalancer().getIngress(), List.of());
    for (LoadBalancerIngress ingress : ingresses) {
      if (ingress.getHostname() != null && !ingress.getHostname().isEmpty()) {
        return Optional.of(ProxyEndpoint.of(ingress.getHostname()));
      }
    }
    for (LoadBalancerIngress ingress : ingresses) {
      if (ingress.getIp() != null && !ingress.getIp().isEmpty()) {
        String ip = ingress.getIp();
        return Optional.of(ProxyEndpoint.of(ip.contains(":") ? "[" + ip + "]" : ip));
      }
    }
    LOG.infof(
        "load balancer %s/%s has no ingress yet: waiting for it", namespace, loadBalancerName);
    return Optional.empty();
  }

  /** Deletes both Services, when they exist. */
  void deleteAll() {
    delete(loadBalancerName);
    delete(clusterIpName);
  }

  /** Whether a Service event concerns these Services. */
  boolean owns(String name) {
    return name.equals(loadBalancerName) || name.equals(clusterIpName);
  }

  private Service ensureService(
      String name, ImpersonationProxyServiceSpec spec, boolean loadBalancer) {
    Service stored = client.services().inNamespace(namespace).withName(name).get();
    Map<String, String> annotations = spec.annotations() == null ? Map.of() : spec.annotations();
    @Nullable String loadBalancerIp = loadBalancer ? spec.loadBalancerIP() : null;
    if (stored != null
        && Objects.equals(
            stored.getMetadata().getAnnotations() == null
                ? Map.of()
                : stored.getMetadata().getAnnotations(),
            annotations)
        && Objects.equals(stored.getSpec().getLoadBalancerIP(), loadBalancerIp)
        && stored.getSpec().getPorts().size() == 1
        && Objects.equals(
            stored.getSpec().getPorts().get(0).getTargetPort(), new IntOrString(targetPort))) {
      return stored;
    }
    Service desired =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .withType(loadBalancer ? "LoadBalancer" : "ClusterIP")
            .withSelector(Map.of("app", labels.getOrDefault("app", "pinniped-concierge")))
            .withPorts(
                new ServicePortBuilder()
                    .withProtocol("TCP")
                    .withPort(HTTPS_PORT)
                    .withTargetPort(new IntOrString(targetPort))
                    .build())
            .withLoadBalancerIP(loadBalancerIp)
            .endSpec()
            .build();
    if (stored == null) {
      LOG.infof("creating Service %s/%s for the impersonation proxy", namespace, name);
      return client.services().inNamespace(namespace).resource(desired).create();
    }
    LOG.infof("updating Service %s/%s for the impersonation proxy", namespace, name);
    desired.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
    desired.getSpec().setClusterIP(stored.getSpec().getClusterIP());
    desired.getSpec().setClusterIPs(stored.getSpec().getClusterIPs());
    return client.services().inNamespace(namespace).resource(desired).update();
  }

  private void delete(String name) {
    if (client.services().inNamespace(namespace).withName(name).get() != null) {
      LOG.infof("deleting Service %s/%s of the impersonation proxy", namespace, name);
      client.services().inNamespace(namespace).withName(name).delete();
    }
  }
}
