package dev.pinnipedjava.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A view of another cache with each object converted, for example from the generic objects of an
 * informer on a renamed API group (see Pinniped's API group suffix) to their Java type. Converts on
 * every read; the view holds nothing itself.
 */
public final class MappedResourceCache<S extends HasMetadata, T extends HasMetadata>
    implements ResourceCache<T> {
  private final ResourceCache<S> source;
  private final Function<? super S, ? extends T> mapper;

  private MappedResourceCache(ResourceCache<S> source, Function<? super S, ? extends T> mapper) {
    this.source = source;
    this.mapper = mapper;
  }

  public static <S extends HasMetadata, T extends HasMetadata> MappedResourceCache<S, T> of(
      ResourceCache<S> source, Function<? super S, ? extends T> mapper) {
    return new MappedResourceCache<>(source, mapper);
  }

  @Override
  public Optional<T> get(Key key) {
    return source.get(key).map(mapper);
  }

  @Override
  public List<T> list() {
    return source.list().stream().<T>map(mapper).toList();
  }

  @Override
  public boolean hasSynced() {
    return source.hasSynced();
  }

  @Override
  public CompletionStage<Void> synced() {
    return source.synced();
  }

  @Override
  public Subscription addListener(Consumer<ResourceEvent<T>> listener) {
    return source.addListener(
        event -> {
          S previous = event.previous();
          listener.accept(
              new ResourceEvent<>(
                  event.type(),
                  previous == null ? null : mapper.apply(previous),
                  mapper.apply(event.object())));
        });
  }
}
