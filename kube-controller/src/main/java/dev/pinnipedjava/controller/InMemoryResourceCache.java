package dev.pinnipedjava.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link ResourceCache} whose contents are set by hand: the twin of {@link InformerResourceCache}
 * for tests of controllers and of what reads caches. Listeners run on the thread that changes the
 * cache, before the change method returns.
 */
public final class InMemoryResourceCache<T extends HasMetadata> implements ResourceCache<T> {
  private final Map<Key, T> objects = new LinkedHashMap<>();
  private final List<Consumer<ResourceEvent<T>>> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> synced = new CompletableFuture<>();

  private InMemoryResourceCache(boolean synced) {
    if (synced) {
      this.synced.complete(null);
    }
  }

  /** An empty cache that has synced. */
  public static <T extends HasMetadata> InMemoryResourceCache<T> create() {
    return new InMemoryResourceCache<>(true);
  }

  /** An empty cache that has not synced yet; see {@link #markSynced()}. */
  public static <T extends HasMetadata> InMemoryResourceCache<T> unsynced() {
    return new InMemoryResourceCache<>(false);
  }

  public void markSynced() {
    synced.complete(null);
  }

  /** Adds or replaces the object with the key of {@code object}, telling the listeners. */
  public synchronized void put(T object) {
    T previous = objects.put(Key.of(object), object);
    ResourceEvent<T> event =
        previous == null ? ResourceEvent.added(object) : ResourceEvent.updated(previous, object);
    listeners.forEach(listener -> listener.accept(event));
  }

  /** Removes the object with this key, if any, telling the listeners. */
  public synchronized void remove(Key key) {
    T removed = objects.remove(key);
    if (removed != null) {
      listeners.forEach(listener -> listener.accept(ResourceEvent.deleted(removed)));
    }
  }

  @Override
  public synchronized Optional<T> get(Key key) {
    return Optional.ofNullable(objects.get(key));
  }

  @Override
  public synchronized List<T> list() {
    return List.copyOf(objects.values());
  }

  @Override
  public boolean hasSynced() {
    return synced.isDone();
  }

  @Override
  public CompletionStage<Void> synced() {
    return synced;
  }

  @Override
  public synchronized Subscription addListener(Consumer<ResourceEvent<T>> listener) {
    for (T object : new ArrayList<>(objects.values())) {
      listener.accept(ResourceEvent.added(object));
    }
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
