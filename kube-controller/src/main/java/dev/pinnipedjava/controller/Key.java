package dev.pinnipedjava.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * What a controller syncs: the namespace and name of one object, or of a fixed singleton key that
 * stands for "everything". The namespace is empty for cluster-scoped objects.
 *
 * @param namespace the namespace, empty when cluster-scoped
 * @param name the name
 */
public record Key(String namespace, String name) {
  public Key {
    Objects.requireNonNull(namespace, "namespace");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a key needs a name");
    }
  }

  /** The key of a namespaced object. */
  public static Key namespaced(String namespace, String name) {
    return new Key(namespace, name);
  }

  /** The key of a cluster-scoped object. */
  public static Key clusterScoped(String name) {
    return new Key("", name);
  }

  /** The key of {@code object}, from its metadata. */
  public static Key of(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return new Key(namespace == null ? "" : namespace, object.getMetadata().getName());
  }

  public boolean isNamespaced() {
    return !namespace.isEmpty();
  }

  /** {@code namespace/name}, or {@code name} when cluster-scoped: fabric8's cache key. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
