package dev.pinnipedjava.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A {@link ResourceCache} backed by a fabric8 informer. Create the informer unstarted and without
 * resync (for example {@code client.secrets().inNamespace(ns).runnableInformer(0)}): controllers
 * resync themselves. Several controllers may share one cache.
 */
public final class InformerResourceCache<T extends HasMetadata>
    implements ResourceCache<T>, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(InformerResourceCache.class);

  private final SharedIndexInformer<T> informer;
  private final String description;
  private final CompletableFuture<Void> synced = new CompletableFuture<>();
  private volatile boolean closed;

  private InformerResourceCache(SharedIndexInformer<T> informer, String description) {
    this.informer = informer;
    this.description = description;
  }

  /**
   * @param description what the informer watches, for logs (for example {@code "secrets in
   *     supervisor"})
   */
  public static <T extends HasMetadata> InformerResourceCache<T> of(
      SharedIndexInformer<T> informer, String description) {
    return new InformerResourceCache<>(informer, description);
  }

  /** Starts the watch; {@link #synced()} completes once the first list arrived. */
  public InformerResourceCache<T> start() {
    informer
        .start()
        .whenComplete(
            (ignored, failure) -> {
              if (failure == null) {
                synced.complete(null);
              } else if (!closed) {
                // fabric8 keeps retrying the list and watch; hasSynced() turns true when one works.
                LOG.warnf("the first list of %s failed: %s", description, failure.getMessage());
              }
            });
    return this;
  }

  @Override
  public Optional<T> get(Key key) {
    return Optional.ofNullable(informer.getStore().getByKey(key.toString()));
  }

  @Override
  public List<T> list() {
    return List.copyOf(informer.getStore().list());
  }

  @Override
  public boolean hasSynced() {
    if (!synced.isDone() && informer.hasSynced()) {
      synced.complete(null);
    }
    return synced.isDone();
  }

  @Override
  public CompletionStage<Void> synced() {
    return synced;
  }

  @Override
  public Subscription addListener(Consumer<ResourceEvent<T>> listener) {
    ResourceEventHandler<T> handler =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(T object) {
            listener.accept(ResourceEvent.added(object));
          }

          @Override
          public void onUpdate(T previous, T object) {
            listener.accept(ResourceEvent.updated(previous, object));
          }

          @Override
          public void onDelete(T object, boolean finalStateUnknown) {
            listener.accept(ResourceEvent.deleted(object));
          }
        };
    informer.addEventHandler(handler);
    return () -> informer.removeEventHandler(handler);
  }

  @Override
  public void close() {
    closed = true;
    informer.close();
    synced.cancel(false);
  }

  @Override
  public String toString() {
    return "InformerResourceCache[" + description + "]";
  }
}
