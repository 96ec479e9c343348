package dev.pinnipedjava.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which keys an event of a watched cache asks the controller to sync: none for an event the
 * controller does not care about, the object's own key, or the key of a parent (a Secret event
 * syncs its owning FederationDomain).
 */
@FunctionalInterface
public interface EventFilter<T extends HasMetadata> {
  Set<Key> keys(ResourceEvent<T> event);

  /** Every event syncs the object's own key. */
  static <T extends HasMetadata> EventFilter<T> self() {
    return event -> Set.of(Key.of(event.object()));
  }

  /** Every event syncs one fixed key: for controllers that look at all objects at once. */
  static <T extends HasMetadata> EventFilter<T> singleton(Key key) {
    return event -> Set.of(key);
  }

  /**
   * Events of objects that {@code accept} syncs the key {@code parent} maps them to, if any. An
   * update counts when either version is accepted, and syncs the parents of both.
   */
  static <T extends HasMetadata> EventFilter<T> matching(
      Predicate<? super T> accept, Function<? super T, Optional<Key>> parent) {
    return event -> {
      Set<Key> keys = new LinkedHashSet<>();
      List<T> versions =
          event.previous() == null
              ? List.of(event.object())
              : List.of(event.previous(), event.object());
      for (T version : versions) {
        if (accept.test(version)) {
          parent.apply(version).ifPresent(keys::add);
        }
      }
      return keys;
    };
  }

  /** Events of objects that {@code accept} sync the object's own key. */
  static <T extends HasMetadata> EventFilter<T> matching(Predicate<? super T> accept) {
    return matching(accept, object -> Optional.of(Key.of(object)));
  }

  /**
   * This filter without updates: for controllers that only read immutable fields, such as names and
   * UIDs.
   */
  default EventFilter<T> ignoringUpdates() {
    return event -> event.type() == ResourceEvent.Type.UPDATED ? Set.of() : keys(event);
  }
}
