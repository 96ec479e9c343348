package dev.pinnipedjava.e2e.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** One Kubernetes object from a manifest file, with the fields every object has already read. */
record ManifestObject(
    Path file,
    String apiVersion,
    String kind,
    String name,
    @Nullable String namespace,
    JsonNode body) {

  /** The API group, empty for the core group. */
  String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  boolean is(String kind, String name) {
    return this.kind.equals(kind) && this.name.equals(name);
  }

  @Override
  public String toString() {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }
}
