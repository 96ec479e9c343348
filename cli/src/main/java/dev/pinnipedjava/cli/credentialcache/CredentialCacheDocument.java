package dev.pinnipedjava.cli.credentialcache;

import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * credentials.yaml, the same shape as Pinniped's {@code internal/execcredcache}. The version of the
 * shape is its apiVersion and kind; a file with any other pair is treated as empty.
 *
 * <p>History: {@code config.supervisor.pinniped.dev/v1alpha1 CredentialCache} is the only version.
 */
public record CredentialCacheDocument(
    @Nullable String apiVersion, @Nullable String kind, List<Entry> credentials) {

  public static final String API_VERSION = "config.supervisor.pinniped.dev/v1alpha1";
  public static final String KIND = "CredentialCache";

  /** Missing lists and empty list items (possible in a hand-edited file) read as nothing. */
  public CredentialCacheDocument {
    credentials =
        credentials == null ? List.of() : credentials.stream().filter(Objects::nonNull).toList();
  }

  static CredentialCacheDocument of(List<Entry> entries) {
    return new CredentialCacheDocument(API_VERSION, KIND, entries);
  }

  /** One cached cluster credential. */
  public record Entry(
      String key,
      @Nullable Instant creationTimestamp,
      @Nullable Instant lastUsedTimestamp,
      @Nullable ExecCredentialStatus credential) {

    public Entry {
      key = key == null ? "" : key;
    }

    Entry usedAt(Instant now) {
      return new Entry(key, creationTimestamp, now, credential);
    }
  }
}
