package dev.pinnipedjava.controller;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A change seen in a {@link ResourceCache}.
 *
 * @param type what happened
 * @param previous the object before an update; null for other types
 * @param object the object added, the object after an update, or the last known state of a deleted
 *     object
 */
public record ResourceEvent<T>(Type type, @Nullable T previous, T object) {
  /** What happened to the object. A periodic resync shows as an update without change. */
  public enum Type {
    ADDED,
    UPDATED,
    DELETED
  }

  public ResourceEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(object, "object");
    if ((type == Type.UPDATED) != (previous != null)) {
      throw new IllegalArgumentException("only an update has a previous object");
    }
  }

  public static <T> ResourceEvent<T> added(T object) {
    return new ResourceEvent<>(Type.ADDED, null, object);
  }

  public static <T> ResourceEvent<T> updated(T previous, T object) {
    return new ResourceEvent<>(Type.UPDATED, previous, object);
  }

  public static <T> ResourceEvent<T> deleted(T object) {
    return new ResourceEvent<>(Type.DELETED, null, object);
  }
}
