package dev.pinnipedjava.supervisor.secretstore.gc;

import dev.pinnipedjava.controller.Controller;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.ResourceEvent;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.Syncer;
import dev.pinnipedjava.supervisor.secretstore.StorageSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Deletes Secrets whose {@value StorageSecrets#GARBAGE_COLLECT_AFTER_ANNOTATION} time has passed,
 * as Pinniped's garbage collector: it sweeps the whole cache, at most once per {@link
 * #MINIMUM_REPEAT_INTERVAL} however many Secrets change, and deletes only the version it saw (a
 * Secret changed meanwhile is left for the next sweep).
 */
public final class ExpiredSecretCollector implements Syncer {
  private static final Logger LOG = Logger.getLogger(ExpiredSecretCollector.class);

  public static final String NAME = "garbage-collector-controller";

  /** Pinniped's {@code minimumRepeatInterval}. */
  public static final Duration MINIMUM_REPEAT_INTERVAL = Duration.ofSeconds(30);

  /** Every event queues this one key: a sweep looks at all Secrets. */
  static final Key SWEEP = Key.clusterScoped("sweep");

  /** Deletes one Secret, only if it still has the resource version it had in the cache. */
  @FunctionalInterface
  public interface SecretDeleter {
    /**
     * @throws KubernetesClientException when the Secret changed, is gone, or the call failed
     */
    void delete(Secret secret);
  }

  /**
   * What goes with the deletion of an expired Secret: for sessions, revoking their upstream tokens
   * and auditing. Called from the collector's single worker.
   */
  public interface ExpiryHandler {
    /** Deletes every expired Secret, and does nothing else. */
    ExpiryHandler NONE =
        new ExpiryHandler() {
          @Override
          public boolean beforeDelete(Secret secret, Instant expiredAt, Instant now) {
            return true;
          }

          @Override
          public void deleted(Secret secret) {}
        };

    /**
     * Prepares the deletion of {@code secret}, expired at {@code expiredAt}.
     *
     * @return false to keep it until a later sweep (to retry what failed)
     */
    boolean beforeDelete(Secret secret, Instant expiredAt, Instant now);

    /** After {@code secret} was deleted. */
    void deleted(Secret secret);
  }

  private final ResourceCache<Secret> secrets;
  private final SecretDeleter deleter;
  private final Clock clock;
  private final Duration minimumRepeatInterval;
  private final ExpiryHandler handler;
  private @Nullable Instant lastSweep;

  public ExpiredSecretCollector(
      ResourceCache<Secret> secrets,
      SecretDeleter deleter,
      Clock clock,
      Duration minimumRepeatInterval) {
    this(secrets, deleter, clock, minimumRepeatInterval, ExpiryHandler.NONE);
  }

  public ExpiredSecretCollector(
      ResourceCache<Secret> secrets,
      SecretDeleter deleter,
      Clock clock,
      Duration minimumRepeatInterval,
      ExpiryHandler handler) {
    this.secrets = secrets;
    this.deleter = deleter;
    this.clock = clock;
    this.minimumRepeatInterval = minimumRepeatInterval;
    this.handler = handler;
  }

  /** The controller over the Secrets of the Supervisor's namespace. */
  public static Controller controller(
      ResourceCache<Secret> secrets, KubernetesClient client, Clock clock) {
    return controller(secrets, client, clock, ExpiryHandler.NONE);
  }

  /** The controller over the Secrets of the Supervisor's namespace, with {@code handler}. */
  public static Controller controller(
      ResourceCache<Secret> secrets, KubernetesClient client, Clock clock, ExpiryHandler handler) {
    return Controller.builder(
            NAME,
            new ExpiredSecretCollector(
                secrets, kubernetesDeleter(client), clock, MINIMUM_REPEAT_INTERVAL, handler))
        // A new or changed Secret with a lifetime may need collecting one day; deletions never do.
        .watch(secrets, ExpiredSecretCollector::sweepFor)
        .build();
  }

  /**
   * Deletes through the API server with a resource version precondition, as Pinniped's collector
   * does with its UID and resource version preconditions.
   */
  public static SecretDeleter kubernetesDeleter(KubernetesClient client) {
    return secret -> {
      boolean deleted =
          !client
              .secrets()
              .inNamespace(secret.getMetadata().getNamespace())
              .withName(secret.getMetadata().getName())
              .lockResourceVersion(secret.getMetadata().getResourceVersion())
              .delete()
              .isEmpty();
      if (!deleted) {
        throw new KubernetesClientException("it was already deleted");
      }
    };
  }

  static Set<Key> sweepFor(ResourceEvent<Secret> event) {
    if (event.type() == ResourceEvent.Type.DELETED) {
      return Set.of();
    }
    boolean hasLifetime =
        hasLifetime(event.object()) || (event.previous() != null && hasLifetime(event.previous()));
    return hasLifetime ? Set.of(SWEEP) : Set.of();
  }

  private static boolean hasLifetime(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    return annotations != null
        && annotations.containsKey(StorageSecrets.GARBAGE_COLLECT_AFTER_ANNOTATION);
  }

  @Override
  public void sync(SyncContext context) {
    // One notion of "now" for the whole sweep.
    Instant now = clock.instant();
    if (lastSweep != null) {
      Duration since = Duration.between(lastSweep, now);
      if (since.compareTo(minimumRepeatInterval) < 0) {
        context.requeueAfter(minimumRepeatInterval.minus(since));
        return;
      }
    }
    lastSweep = now;
    LOG.debug("starting storage garbage collection sweep");
    boolean keptForRetry = false;
    for (Secret secret : secrets.list()) {
      if (!hasLifetime(secret)) {
        continue;
      }
      Optional<Instant> expiry = StorageSecrets.garbageCollectAfter(secret);
      if (expiry.isEmpty()) {
        LOG.warnf(
            "cannot read the garbage collection time of Secret %s/%s",
            secret.getMetadata().getNamespace(), secret.getMetadata().getName());
        continue;
      }
      if (!expiry.get().isBefore(now)) {
        continue;
      }
      boolean delete;
      try {
        delete = handler.beforeDelete(secret, expiry.get(), now);
      } catch (RuntimeException e) {
        // One unreadable session must not keep the others: delete it regardless.
        LOG.warnf(
            "garbage collector could not prepare the deletion of Secret %s/%s: %s",
            secret.getMetadata().getNamespace(), secret.getMetadata().getName(), e);
        delete = true;
      }
      if (!delete) {
        keptForRetry = true;
        continue;
      }
      try {
        deleter.delete(secret);
        handler.deleted(secret);
        LOG.infof(
            "storage garbage collector deleted Secret %s/%s (type %s, expired %s)",
            secret.getMetadata().getNamespace(),
            secret.getMetadata().getName(),
            secret.getType(),
            StorageSecrets.formatExpiry(expiry.get()));
      } catch (KubernetesClientException e) {
        LOG.warnf(
            "failed to garbage collect Secret %s/%s: %s",
            secret.getMetadata().getNamespace(), secret.getMetadata().getName(), e.getMessage());
      }
    }
    if (keptForRetry) {
      // Nothing may change the kept Secrets again: come back for them.
      context.requeueAfter(minimumRepeatInterval);
    }
  }
}
