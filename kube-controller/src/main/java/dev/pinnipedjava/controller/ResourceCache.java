package dev.pinnipedjava.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A local, eventually consistent copy of the objects of one kind, kept up to date by a watch, that
 * controllers read instead of asking the API server. Reads never block and never fail; they may be
 * stale. Thread-safe.
 */
public interface ResourceCache<T extends HasMetadata> {
  /** The object with this key, as last seen. */
  Optional<T> get(Key key);

  /** Every object, as last seen, in no particular order. */
  List<T> list();

  /** Whether the first complete list has been received; until then reads may miss objects. */
  boolean hasSynced();

  /** Completes when {@link #hasSynced()} becomes true. */
  CompletionStage<Void> synced();

  /**
   * Calls {@code listener} for every later change, in order, on one thread of the cache's. The
   * objects already in the cache are first delivered as {@link ResourceEvent.Type#ADDED}.
   */
  Subscription addListener(Consumer<ResourceEvent<T>> listener);
}
