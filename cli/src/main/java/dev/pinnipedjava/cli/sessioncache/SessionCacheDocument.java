package dev.pinnipedjava.cli.sessioncache;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * sessions.yaml, the same shape as Pinniped's {@code pkg/oidcclient/filesession}. The version of
 * the shape is its apiVersion and kind; a file with any other pair is treated as empty.
 *
 * <p>History: {@code config.supervisor.pinniped.dev/v1alpha1 SessionCache} is the only version.
 */
public record SessionCacheDocument(
    @Nullable String apiVersion, @Nullable String kind, List<Entry> sessions) {

  public static final String API_VERSION = "config.supervisor.pinniped.dev/v1alpha1";
  public static final String KIND = "SessionCache";

  public SessionCacheDocument {
    sessions = sessions == null ? List.of() : sessions.stream().filter(Objects::nonNull).toList();
  }

  static SessionCacheDocument of(List<Entry> entries) {
    return new SessionCacheDocument(API_VERSION, KIND, entries);
  }

  /** One OIDC session. */
  public record Entry(
      SessionCacheKey key,
      @Nullable Instant creationTimestamp,
      @Nullable Instant lastUsedTimestamp,
      OidcTokens tokens) {

    public Entry {
      key = key == null ? new SessionCacheKey("", "", List.of(), "", null) : key;
      tokens = tokens == null ? new OidcTokens(null, null, null) : tokens;
    }
  }
}
