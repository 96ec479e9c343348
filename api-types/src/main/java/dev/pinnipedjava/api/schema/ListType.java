package dev.pinnipedjava.api.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The topology of a list property, emitted as {@code x-kubernetes-list-type} (and {@code
 * x-kubernetes-list-map-keys} for {@link Topology#MAP}). The API server enforces it: a {@code set}
 * rejects duplicates, a {@code map} rejects two items with the same keys.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface ListType {
  Topology value();

  /** The item properties that identify an item; only for {@link Topology#MAP}. */
  String[] mapKeys() default {};

  /** The values Kubernetes accepts for {@code x-kubernetes-list-type}. */
  enum Topology {
    ATOMIC("atomic"),
    SET("set"),
    MAP("map");

    private final String wireName;

    Topology(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }
}
