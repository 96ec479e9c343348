package dev.pinnipedjava.supervisor.secretstore;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Documents of one {@link StorageType}, each in its own Secret named after a signature (for tokens,
 * the signature part of the token). Thread-safe. Failures throw {@link SecretStoreException}; lost
 * races throw {@link SecretStoreConflictException}.
 */
public interface SecretStore<T extends VersionedShape> {
  /**
   * Stores a new document.
   *
   * @param additionalLabels labels besides the storage type label, for {@link #deleteByLabel}
   * @param owners owner references, so that Kubernetes deletes the Secret with its owner
   * @param lifetime when set, the Secret is garbage collected, and reads as absent, after it
   * @return the resource version of the new Secret
   * @throws SecretStoreConflictException when a document with this signature exists
   */
  String create(
      String signature,
      T value,
      Map<String, String> additionalLabels,
      List<OwnerReference> owners,
      @Nullable Duration lifetime);

  /**
   * The document with this signature. Absent when there is none, when its lifetime has passed, and
   * when it was written with another schema version or is not readable.
   */
  Optional<Stored<T>> get(String signature);

  /**
   * Replaces the document, keeping its labels, owners and lifetime.
   *
   * @param resourceVersion the version read with {@link #get}
   * @return the new resource version
   * @throws SecretStoreConflictException when it changed since {@code resourceVersion}
   * @throws SecretStoreException when it does not exist
   */
  String update(String signature, String resourceVersion, T value);

  /** Deletes the document; false when there was none. */
  boolean delete(String signature);

  /**
   * Deletes every document of this type labelled {@code name=value}.
   *
   * @return how many were deleted
   */
  int deleteByLabel(String name, String value);

  /** The name of the Secret that holds the document with this signature. */
  String secretName(String signature);
}
