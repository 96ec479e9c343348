package dev.pinnipedjava.concierge.kubecertagent;

import dev.pinnipedjava.concierge.config.ConciergeConfig;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kube-cert-agent Deployment, modelled on the kube-controller-manager pod: one pod on the same
 * node, with the same volumes, that only sleeps; the Concierge execs into it to print the signing
 * key's files.
 */
public final class AgentDeployment {
  /** Selects the agent pods; changed whenever the pod changes incompatibly (Pinniped's value). */
  public static final String POD_LABEL = "kube-cert-agent.pinniped.dev";

  public static final String POD_LABEL_VALUE = "v3";
  public static final String CONTAINER = "sleeper";

  /** The agent's program in the Concierge's image. */
  public static final String COMMAND = "pinniped-concierge-kube-cert-agent";

  /** The Concierge's own pods carry {@code app}; an agent pod with it would join their Services. */
  private static final String CONCIERGE_APP_LABEL = "app";

  private AgentDeployment() {}

  /**
   * The Deployment for {@code controllerManager}.
   *
   * @param labels the labels every object the Concierge creates carries
   */
  public static Deployment of(
      ConciergeConfig.KubeCertAgent settings,
      String namespace,
      Map<String, String> labels,
      Pod controllerManager) {
    SigningKeyPaths paths = SigningKeyPaths.of(controllerManager);
    List<VolumeMount> mounts =
        controllerManager.getSpec().getContainers().isEmpty()
            ? List.of()
            : controllerManager.getSpec().getContainers().get(0).getVolumeMounts();
    Map<String, String> podLabels = new LinkedHashMap<>();
    podLabels.put(POD_LABEL, POD_LABEL_VALUE);
    labels.forEach(
        (key, value) -> {
          if (!key.equals(CONCIERGE_APP_LABEL)) {
            podLabels.put(key, value);
          }
        });
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(settings.deploymentName())
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withMinReadySeconds(10)
        .withNewSelector()
        .withMatchLabels(Map.of(POD_LABEL, POD_LABEL_VALUE))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(0L)
        .withImagePullSecrets(
            settings.imagePullSecrets().stream().map(LocalObjectReference::new).toList())
        .withContainers(
            new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(settings.image())
                .withImagePullPolicy("IfNotPresent")
                .withCommand(COMMAND, "sleep")
                .withVolumeMounts(mounts)
                .addNewEnv()
                .withName("CERT_PATH")
                .withValue(paths.certificate())
                .endEnv()
                .addNewEnv()
                .withName("KEY_PATH")
                .withValue(paths.key())
                .endEnv()
                .withNewResources()
                .addToLimits("memory", new Quantity("32Mi"))
                .addToLimits("cpu", new Quantity("20m"))
                .addToRequests("memory", new Quantity("32Mi"))
                // Explicitly 0, not unset: unset takes the limit (Pinniped issue 1507).
                .addToRequests("cpu", new Quantity("0"))
                .endResources()
                .build())
        .withVolumes(controllerManager.getSpec().getVolumes())
        .withRestartPolicy("Always")
        .withNodeSelector(controllerManager.getSpec().getNodeSelector())
        .withAutomountServiceAccountToken(false)
        .withServiceAccountName(settings.serviceAccountName())
        .withNodeName(controllerManager.getSpec().getNodeName())
        .withTolerations(controllerManager.getSpec().getTolerations())
        // The signing key's files are usually readable by root alone.
        .withNewSecurityContext()
        .withRunAsUser(0L)
        .withRunAsGroup(0L)
        .endSecurityContext()
        .withHostNetwork(controllerManager.getSpec().getHostNetwork())
        .withPriorityClassName(
            settings.priorityClassName().isEmpty() ? null : settings.priorityClassName())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
