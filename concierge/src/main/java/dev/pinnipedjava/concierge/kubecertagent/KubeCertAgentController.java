package dev.pinnipedjava.concierge.kubecertagent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.concierge.certissuer.ClusterSignerAvailability;
import dev.pinnipedjava.concierge.certissuer.SwitchableCertificateAuthority;
import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.concierge.kubecertagent.PodCommandExecutor.PodCommandException;
import dev.pinnipedjava.concierge.workqueue.AnyChange;
import dev.pinnipedjava.concierge.workqueue.SyncQueue;
import dev.pinnipedjava.pki.CertificateAuthority;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Pinniped's kube-cert-agent controller: finds the newest running kube-controller-manager pod,
 * keeps the agent Deployment modelled on it, execs {@code pinniped-concierge-kube-cert-agent print}
 * in the newest running agent pod and loads the printed CA as the signer of TokenCredentialRequest
 * certificates. What went wrong is reported as the {@code KubeClusterSigningCertificate} strategy's
 * message.
 */
public final class KubeCertAgentController implements ClusterSignerAvailability, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(KubeCertAgentController.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  public static final String CONTROLLER_MANAGER_NAMESPACE = "kube-system";
  public static final String CONTROLLER_MANAGER_LABEL = "component";
  public static final String CONTROLLER_MANAGER_LABEL_VALUE = "kube-controller-manager";

  /** Records the agent template a Deployment was written from, to write only what changed. */
  static final String TEMPLATE_ANNOTATION = "kube-cert-agent.pinniped-java.dev/template-sha256";

  /** A key loaded from one agent pod is trusted this long before it is read again. */
  private static final Duration EXEC_CACHE = Duration.ofMinutes(15);

  private static final Duration RESYNC = Duration.ofMinutes(3);
  private static final String KEY = "kube-cert-agent";

  private final KubernetesClient client;
  private final ConciergeConfig.KubeCertAgent settings;
  private final String namespace;
  private final Map<String, String> labels;
  private final PodCommandExecutor executor;
  private final SwitchableCertificateAuthority signer;
  private final Clock clock;
  private final SecureRandom random;
  private final SyncQueue queue;
  private final SharedIndexInformer<Pod> controllerManagers;
  private final SharedIndexInformer<Pod> agentPods;
  private final SharedIndexInformer<Deployment> deployments;
  private final Map<String, Instant> loadedFromPod = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Optional<String> problem =
      Optional.of("the kube-cert-agent has not looked for the signing key yet");

  /**
   * @param labels put on the Deployment (and, except {@code app}, on its pods)
   * @param signer receives the cluster's signing CA
   */
  public KubeCertAgentController(
      KubernetesClient client,
      ConciergeConfig.KubeCertAgent settings,
      String namespace,
      Map<String, String> labels,
      PodCommandExecutor executor,
      SwitchableCertificateAuthority signer,
      Clock clock,
      SecureRandom random) {
    this.client = client;
    this.settings = settings;
    this.namespace = namespace;
    this.labels = Map.copyOf(labels);
    this.executor = executor;
    this.signer = signer;
    this.clock = clock;
    this.random = random;
    this.queue = new SyncQueue("kube-cert-agent-controller", key -> sync());
    this.controllerManagers =
        client
            .pods()
            .inNamespace(CONTROLLER_MANAGER_NAMESPACE)
            .withLabel(CONTROLLER_MANAGER_LABEL, CONTROLLER_MANAGER_LABEL_VALUE)
            .runnableInformer(0);
    this.agentPods =
        client
            .pods()
            .inNamespace(namespace)
            .withLabel(AgentDeployment.POD_LABEL, AgentDeployment.POD_LABEL_VALUE)
            .runnableInformer(0);
    this.deployments =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(settings.deploymentName())
            .runnableInformer(0);
    controllerManagers.addEventHandler(new AnyChange<>(pod -> queue.enqueue(KEY)));
    agentPods.addEventHandler(new AnyChange<>(pod -> queue.enqueue(KEY)));
    deployments.addEventHandler(new AnyChange<>(deployment -> queue.enqueue(KEY)));
  }

  /** Starts watching; the first sync runs at once. */
  public void start() {
    controllerManagers.start();
    agentPods.start();
    deployments.start();
    queue.enqueue(KEY);
  }

  @Override
  public Optional<String> problem() {
    return problem;
  }

  @Override
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    controllerManagers.close();
    agentPods.close();
    deployments.close();
    queue.close();
  }

  /** One pass; true asks for a retry with backoff. */
  private boolean sync() {
    if (!controllerManagers.hasSynced() || !agentPods.hasSynced() || !deployments.hasSynced()) {
      return true;
    }
    queue.enqueueAfter(KEY, RESYNC);
    List<Pod> controllerManagerPods = controllerManagers.getStore().list();
    Pod controllerManager = newestRunning(controllerManagerPods);
    if (controllerManager == null) {
      return fail(
          "could not find a healthy kube-controller-manager pod ("
              + candidates(controllerManagerPods)
              + ")");
    }
    String deploymentProblem = ensureDeployment(controllerManager);

    List<Pod> agents = agentPods.getStore().list();
    Pod agent = newestRunning(agents);
    if (agent == null) {
      return fail(
          Objects.requireNonNullElse(
              deploymentProblem,
              "could not find a healthy agent pod (" + candidates(agents) + ")"));
    }
    String loadProblem = loadSigningKey(agent);
    if (loadProblem != null) {
      return fail(Objects.requireNonNullElse(deploymentProblem, loadProblem));
    }
    if (deploymentProblem != null) {
      return fail(deploymentProblem);
    }
    report(Optional.empty());
    return false;
  }

  /** Creates or updates the agent Deployment; why that failed, or null. */
  private @Nullable String ensureDeployment(Pod controllerManager) {
    Deployment desired = AgentDeployment.of(settings, namespace, labels, controllerManager);
    String template = sha256(desired);
    Deployment stored = deployments.getStore().list().stream().findFirst().orElse(null);
    if (stored != null
        && template.equals(
            Optional.ofNullable(stored.getMetadata().getAnnotations())
                .map(annotations -> annotations.get(TEMPLATE_ANNOTATION))
                .orElse(null))) {
      return null;
    }
    desired.getMetadata().setAnnotations(Map.of(TEMPLATE_ANNOTATION, template));
    try {
      client
          .apps()
          .deployments()
          .inNamespace(namespace)
          .resource(desired)
          .forceConflicts()
          .serverSideApply();
      LOG.infof(
          "%s the kube-cert-agent Deployment %s/%s for node %s",
          stored == null ? "created" : "updated",
          namespace,
          settings.deploymentName(),
          controllerManager.getSpec().getNodeName());
      return null;
    } catch (KubernetesClientException e) {
      // Another replica may have written a compatible Deployment: its pods are still usable.
      return "could not ensure agent deployment: " + e.getMessage();
    }
  }

  /** Execs into the agent and loads the printed CA; why that failed, or null. */
  private @Nullable String loadSigningKey(Pod agent) {
    String uid = agent.getMetadata().getUid();
    Instant now = clock.instant();
    Instant until = uid == null ? null : loadedFromPod.get(uid);
    if (until != null && now.isBefore(until)) {
      return null;
    }
    String pod = agent.getMetadata().getNamespace() + "/" + agent.getMetadata().getName();
    String output;
    try {
      output =
          executor.exec(
              agent.getMetadata().getNamespace(),
              agent.getMetadata().getName(),
              AgentDeployment.CONTAINER,
              AgentDeployment.COMMAND,
              "print");
    } catch (PodCommandException e) {
      return "could not exec into agent pod " + pod + ": " + e.getMessage();
    }
    try {
      SigningKeyOutput key = SigningKeyOutput.parse(output, pod);
      signer.set(
          CertificateAuthority.load(key.certificatePem(), key.privateKeyPem(), clock, random));
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      return message.startsWith("failed to decode")
          ? message
          : "failed to set signing cert/key content from agent pod " + pod + ": " + message;
    }
    if (uid != null) {
      loadedFromPod.clear();
      loadedFromPod.put(uid, now.plus(EXEC_CACHE));
    }
    LOG.infof("loaded the cluster signing key from agent pod %s", pod);
    return null;
  }

  private boolean fail(String message) {
    report(Optional.of(message));
    return true;
  }

  private void report(Optional<String> now) {
    if (!now.equals(problem)) {
      problem = now;
      now.ifPresentOrElse(
          message -> LOG.warnf("kube-cert-agent: %s", message),
          () -> LOG.info("kube-cert-agent: key was fetched successfully"));
      listeners.forEach(Runnable::run);
    }
  }

  /** The newest pod whose phase is Running, ties broken by name; null when none runs. */
  static @Nullable Pod newestRunning(List<Pod> pods) {
    return pods.stream()
        .filter(pod -> pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()))
        .max(
            Comparator.comparing(
                    (Pod pod) ->
                        Instant.parse(
                            Objects.requireNonNullElse(
                                pod.getMetadata().getCreationTimestamp(), "1970-01-01T00:00:00Z")))
                .thenComparing((Pod pod) -> pod.getMetadata().getName(), Comparator.reverseOrder()))
        .orElse(null);
  }

  private static String candidates(List<Pod> pods) {
    return pods.size() == 1 ? "1 candidate" : pods.size() + " candidates";
  }

  private static String sha256(Deployment desired) {
    try {
      byte[] json = JSON.writeValueAsString(desired).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint the agent Deployment", e);
    }
  }
}
