package dev.pinnipedjava.concierge.workqueue;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/**
 * An informer handler that treats an added, updated and deleted object alike, as controllers that
 * sync from their caches do: it passes the object (its last state, when deleted) on.
 */
public final class AnyChange<T> implements ResourceEventHandler<T> {
  private final Consumer<T> changed;

  public AnyChange(Consumer<T> changed) {
    this.changed = changed;
  }

  @Override
  public void onAdd(T object) {
    changed.accept(object);
  }

  @Override
  public void onUpdate(T previous, T object) {
    changed.accept(object);
  }

  @Override
  public void onDelete(T object, boolean finalStateUnknown) {
    changed.accept(object);
  }
}
