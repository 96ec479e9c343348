package dev.pinnipedjava.concierge.authenticator.jwt;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.AuthenticatorStatus;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.ConciergeAuthenticationGroup;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticator;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorKey;
import dev.pinnipedjava.concierge.authenticator.StatusConditions;
import dev.pinnipedjava.concierge.authenticator.TokenAuthenticator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Watches JWTAuthenticators: validates each one, writes its status ({@code phase} and conditions),
 * and publishes its token verifier to the {@link AuthenticatorCache} when it is ready, withdrawing
 * it when it is not or is deleted. One worker thread syncs one authenticator at a time; failures
 * that may be transient are retried with backoff, and everything is checked again at every informer
 * resync.
 */
public final class JwtAuthenticatorController implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JwtAuthenticatorController.class);

  public static final String KIND = "JWTAuthenticator";

  /** Pinniped's informer resync period. */
  private static final Duration RESYNC = Duration.ofMinutes(3);

  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final ResourceDefinitionContext resource;
  private final AuthenticatorCache cache;
  private final JwtAuthenticatorValidator validator;
  private final Clock clock;
  private final KubernetesSerialization serialization;
  private final ScheduledExecutorService worker;
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Map<String, Duration> retryDelays = new ConcurrentHashMap<>();
  private final SharedIndexInformer<GenericKubernetesResource> informer;

  public JwtAuthenticatorController(
      KubernetesClient client, ApiGroupSuffix suffix, AuthenticatorCache cache, Clock clock) {
    this.client = client;
    this.resource =
        new ResourceDefinitionContext.Builder()
            .withGroup(suffix.group(ConciergeAuthenticationGroup.NAME))
            .withVersion(ConciergeAuthenticationGroup.VERSION)
            .withKind(KIND)
            .withPlural("jwtauthenticators")
            .withNamespaced(false)
            .build();
    this.cache = cache;
    this.validator = new JwtAuthenticatorValidator(clock);
    this.clock = clock;
    this.serialization = client.getKubernetesSerialization();
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "jwtauthenticator-controller");
              thread.setDaemon(true);
              return thread;
            });
    this.informer = client.genericKubernetesResources(resource).runnableInformer(RESYNC.toMillis());
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource object) {
            enqueue(object.getMetadata().getName(), Duration.ZERO);
          }

          @Override
          public void onUpdate(
              GenericKubernetesResource previous, GenericKubernetesResource object) {
            enqueue(object.getMetadata().getName(), Duration.ZERO);
          }

          @Override
          public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            enqueue(object.getMetadata().getName(), Duration.ZERO);
          }
        });
  }

  /** Starts watching; authenticators become usable as they are validated. */
  public void start() {
    informer.start();
  }

  /** Whether the first list of JWTAuthenticators has been received. */
  public boolean hasSynced() {
    return informer.hasSynced();
  }

  @Override
  public void close() {
    informer.close();
    worker.shutdownNow();
  }

  // run() handles every failure itself, so the scheduled future carries nothing to check.
  @SuppressWarnings("FutureReturnValueIgnored")
  private void enqueue(String name, Duration delay) {
    // Several events for one authenticator before its sync runs need only one sync.
    if (queued.add(name)) {
      worker.schedule(() -> run(name), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void run(String name) {
    queued.remove(name);
    boolean retry;
    try {
      retry = sync(name);
    } catch (RuntimeException e) {
      LOG.errorf(e, "syncing JWTAuthenticator %s failed", name);
      retry = true;
    }
    if (retry) {
      Duration delay =
          retryDelays.merge(
              name, FIRST_RETRY, (previous, first) -> min(previous.multipliedBy(2), MAX_RETRY));
      enqueue(name, delay);
    } else {
      retryDelays.remove(name);
    }
  }

  /** Brings one authenticator's cache entry and status up to date; true asks for a retry. */
  private boolean sync(String name) {
    AuthenticatorKey key = new AuthenticatorKey(resource.getGroup(), KIND, name);
    GenericKubernetesResource stored = informer.getStore().getByKey(name);
    if (stored == null) {
      cache.remove(key);
      LOG.infof("JWTAuthenticator %s deleted: removed from the authenticator cache", name);
      return false;
    }
    JWTAuthenticator authenticator = serialization.convertValue(stored, JWTAuthenticator.class);
    JwtTokenAuthenticator cached = cachedVerifier(key);
    JwtAuthenticatorValidator.Validation validation =
        validator.validate(authenticator.getSpec(), cached);
    boolean valid = !StatusConditions.anyFalse(validation.conditions());
    if (!valid) {
      // A spec that no longer validates must stop authenticating at once, whatever the status
      // write below does.
      cache.remove(key);
    }

    boolean statusWritten = writeStatus(authenticator, validation.conditions(), valid);
    JwtTokenAuthenticator verifier = validation.authenticator();
    if (valid && verifier != null && statusWritten) {
      if (verifier != cached) {
        cache.put(key, verifier);
        LOG.infof("JWTAuthenticator %s is ready (issuer %s)", name, verifier.settings().issuer());
      }
    } else if (verifier != null && verifier != cached) {
      verifier.close();
    }
    return validation.retry() || !statusWritten;
  }

  private @Nullable JwtTokenAuthenticator cachedVerifier(AuthenticatorKey key) {
    Optional<TokenAuthenticator> cached = cache.get(key);
    return cached.isPresent() && cached.get() instanceof JwtTokenAuthenticator jwt ? jwt : null;
  }

  /** Writes the status when it differs from the stored one; false when the write failed. */
  private boolean writeStatus(
      JWTAuthenticator authenticator, List<StatusConditions.Computed> computed, boolean valid) {
    List<StatusConditions.Computed> conditions = new ArrayList<>(computed);
    conditions.add(
        valid
            ? new StatusConditions.Computed(
                JwtAuthenticatorConditions.READY,
                ConditionStatus.TRUE,
                JwtAuthenticatorConditions.REASON_SUCCESS,
                "the JWTAuthenticator is ready")
            : new StatusConditions.Computed(
                JwtAuthenticatorConditions.READY,
                ConditionStatus.FALSE,
                JwtAuthenticatorConditions.REASON_NOT_READY,
                "the JWTAuthenticator is not ready: see other conditions for details"));
    AuthenticatorStatus previous = authenticator.getStatus();
    Long generation = authenticator.getMetadata().getGeneration();
    AuthenticatorStatus status =
        new AuthenticatorStatus(
            StatusConditions.merge(
                conditions,
                previous == null ? null : previous.conditions(),
                generation == null ? 0 : generation,
                clock.instant()),
            valid ? Phase.READY : Phase.ERROR);
    if (previous != null
        && previous.phase() == status.phase()
        && Objects.equals(previous.conditions(), status.conditions())) {
      return true;
    }
    String name = authenticator.getMetadata().getName();
    try {
      client
          .genericKubernetesResources(resource)
          .withName(name)
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              serialization.asJson(Map.of("status", status)));
      return true;
    } catch (KubernetesClientException e) {
      LOG.warnf("cannot update the status of JWTAuthenticator %s: %s", name, e.getMessage());
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
