package dev.pinnipedjava.concierge.authenticator;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.AuthenticatorStatus;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.ConciergeAuthenticationGroup;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.TLSSpec;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.concierge.workqueue.AnyChange;
import dev.pinnipedjava.concierge.workqueue.SyncQueue;
import dev.pinnipedjava.controller.Subscription;
import dev.pinnipedjava.controller.leaderelection.NotLeaderException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Watches the authenticator objects of one kind: validates each one, writes its status ({@code
 * phase} and conditions), and publishes its token authenticator to the {@link AuthenticatorCache}
 * when it is ready, withdrawing it when it is not or is deleted. Failures that may be transient are
 * retried with backoff, and everything is checked again at every informer resync.
 *
 * @param <S> the spec type
 * @param <A> the token authenticator built from a valid spec
 */
public final class AuthenticatorController<S, A extends TokenAuthenticator>
    implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AuthenticatorController.class);

  /** Pinniped's informer resync period. */
  private static final Duration RESYNC = Duration.ofMinutes(3);

  /**
   * One kind of authenticator object.
   *
   * @param kind for example {@code JWTAuthenticator}
   * @param plural for example {@code jwtauthenticators}
   * @param type the Java type of the object
   * @param authenticatorType the Java type of its token authenticator
   * @param tls reads {@code spec.tls} of a spec
   */
  public record Kind<S, A extends TokenAuthenticator>(
      String kind,
      String plural,
      Class<? extends CustomResource<S, AuthenticatorStatus>> type,
      Class<A> authenticatorType,
      Function<S, @Nullable TLSSpec> tls) {}

  private final KubernetesClient client;
  private final Kind<S, A> kind;
  private final ResourceDefinitionContext resource;
  private final AuthenticatorCache cache;
  private final AuthenticatorValidator<S, A> validator;
  private final Clock clock;
  private final KubernetesSerialization serialization;
  private final SyncQueue queue;
  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private final CaBundleSources caBundleSources;
  private final Subscription caBundleChanges;

  public AuthenticatorController(
      KubernetesClient client,
      ApiGroupSuffix suffix,
      Kind<S, A> kind,
      AuthenticatorCache cache,
      AuthenticatorValidator<S, A> validator,
      CaBundleSources caBundleSources,
      Clock clock) {
    this.client = client;
    this.kind = kind;
    this.resource =
        new ResourceDefinitionContext.Builder()
            .withGroup(suffix.group(ConciergeAuthenticationGroup.NAME))
            .withVersion(ConciergeAuthenticationGroup.VERSION)
            .withKind(kind.kind())
            .withPlural(kind.plural())
            .withNamespaced(false)
            .build();
    this.cache = cache;
    this.validator = validator;
    this.clock = clock;
    this.serialization = client.getKubernetesSerialization();
    this.queue = new SyncQueue(kind.plural() + "-controller", this::sync);
    this.informer = client.genericKubernetesResources(resource).runnableInformer(RESYNC.toMillis());
    informer.addEventHandler(
        new AnyChange<GenericKubernetesResource>(
            object -> queue.enqueue(object.getMetadata().getName())));
    this.caBundleSources = caBundleSources;
    this.caBundleChanges = caBundleSources.onChange(this::enqueueReaders);
  }

  /** Queues every authenticator whose CA bundle is read from {@code changed}. */
  private void enqueueReaders(CaBundleSources.Reference changed) {
    for (GenericKubernetesResource stored : informer.getStore().list()) {
      CertificateAuthorityDataSourceSpec source =
          caBundleSource(serialization.convertValue(stored, kind.type()).getSpec());
      if (source != null && changed.isReadBy(source)) {
        queue.enqueue(stored.getMetadata().getName());
      }
    }
  }

  private @Nullable CertificateAuthorityDataSourceSpec caBundleSource(@Nullable S spec) {
    TLSSpec tls = spec == null ? null : kind.tls().apply(spec);
    return tls == null ? null : tls.certificateAuthorityDataSource();
  }

  /** Queues every authenticator again, e.g. once this replica leads and may write statuses. */
  public void resyncAll() {
    for (GenericKubernetesResource stored : informer.getStore().list()) {
      queue.enqueue(stored.getMetadata().getName());
    }
  }

  /** Starts watching; authenticators become usable as they are validated. */
  public void start() {
    informer.start();
  }

  /** Whether the first list of objects has been received. */
  public boolean hasSynced() {
    return informer.hasSynced();
  }

  @Override
  public void close() {
    caBundleChanges.close();
    informer.close();
    queue.close();
  }

  /** Brings one authenticator's cache entry and status up to date; true asks for a retry. */
  private boolean sync(String name) {
    AuthenticatorKey key = new AuthenticatorKey(resource.getGroup(), kind.kind(), name);
    GenericKubernetesResource stored = informer.getStore().getByKey(name);
    if (stored == null) {
      cache.remove(key);
      LOG.infof("%s %s deleted: removed from the authenticator cache", kind.kind(), name);
      return false;
    }
    CustomResource<S, AuthenticatorStatus> object = serialization.convertValue(stored, kind.type());
    if (caBundleSource(object.getSpec()) != null && !caBundleSources.hasSynced()) {
      // A CA bundle source not yet listed would look missing and fail a good authenticator.
      return true;
    }
    A cached = cached(key);
    AuthenticatorValidation<A> validation = validator.validate(object.getSpec(), cached);
    boolean valid = !StatusConditions.anyFalse(validation.conditions());
    if (!valid) {
      // A spec that no longer validates must stop authenticating at once, whatever the status
      // write below does.
      cache.remove(key);
    }

    boolean statusWritten = writeStatus(object, validation.conditions(), valid);
    A authenticator = validation.authenticator();
    if (valid && authenticator != null && statusWritten) {
      if (authenticator != cached) {
        cache.put(key, authenticator);
        LOG.infof("%s %s is ready", kind.kind(), name);
      }
    } else if (authenticator != null && authenticator != cached) {
      authenticator.close();
    }
    return validation.retry() || !statusWritten;
  }

  private @Nullable A cached(AuthenticatorKey key) {
    Optional<TokenAuthenticator> cached = cache.get(key);
    return cached.isPresent() && kind.authenticatorType().isInstance(cached.get())
        ? kind.authenticatorType().cast(cached.get())
        : null;
  }

  /** Writes the status when it differs from the stored one; false when the write failed. */
  private boolean writeStatus(
      CustomResource<S, AuthenticatorStatus> object,
      List<StatusConditions.Computed> computed,
      boolean valid) {
    List<StatusConditions.Computed> conditions = new ArrayList<>(computed);
    conditions.add(
        valid
            ? new StatusConditions.Computed(
                AuthenticatorConditions.READY,
                ConditionStatus.TRUE,
                AuthenticatorConditions.REASON_SUCCESS,
                "the " + kind.kind() + " is ready")
            : new StatusConditions.Computed(
                AuthenticatorConditions.READY,
                ConditionStatus.FALSE,
                AuthenticatorConditions.REASON_NOT_READY,
                "the " + kind.kind() + " is not ready: see other conditions for details"));
    AuthenticatorStatus previous = object.getStatus();
    Long generation = object.getMetadata().getGeneration();
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
    String name = object.getMetadata().getName();
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
      if (NotLeaderException.isCause(e)) {
        LOG.debugf("the status of %s %s is left to the leader", kind.kind(), name);
        return false;
      }
      LOG.warnf("cannot update the status of %s %s: %s", kind.kind(), name, e.getMessage());
      return false;
    }
  }
}
