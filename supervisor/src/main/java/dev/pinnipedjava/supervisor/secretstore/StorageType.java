package dev.pinnipedjava.supervisor.secretstore;

import java.util.regex.Pattern;

/**
 * One kind of stored document: its storage type name (the {@code <type>} in Pinniped's Secret
 * names, types and labels, such as {@code authcode}), its Java type and the schema version this
 * code reads and writes.
 */
public record StorageType<T extends VersionedShape>(
    String name, Class<T> javaType, String schemaVersion) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  public StorageType {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a storage type name must be lowercase letters, digits and dashes: " + name);
    }
    if (schemaVersion.isEmpty()) {
      throw new IllegalArgumentException("a storage type needs a schema version");
    }
  }
}
