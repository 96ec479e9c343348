package dev.pinnipedjava.cli.sessioncache;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pinnipedjava.cli.cachefile.CacheDocumentFormat;
import dev.pinnipedjava.cli.cachefile.InvalidCacheDocumentException;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.AccessToken;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.IdToken;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.RefreshToken;
import dev.pinnipedjava.cli.sessioncache.SessionCacheDocument.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reading, pruning and writing sessions.yaml by Pinniped's rules. */
final class SessionCacheFormat implements CacheDocumentFormat<SessionCacheDocument> {

  /** A session unused this long is dropped. */
  static final Duration UNUSED_SESSION_LIFETIME = Duration.ofDays(90);

  @Override
  public SessionCacheDocument empty() {
    return SessionCacheDocument.of(List.of());
  }

  @Override
  public SessionCacheDocument parse(byte[] bytes) throws InvalidCacheDocumentException {
    SessionCacheDocument document;
    try {
      document = KubeJson.yaml().readValue(bytes, SessionCacheDocument.class);
    } catch (IOException | RuntimeException e) {
      throw new InvalidCacheDocumentException("invalid session file: " + e.getMessage(), e);
    }
    if (document == null) {
      throw new InvalidCacheDocumentException("invalid session file: empty document");
    }
    if (!SessionCacheDocument.API_VERSION.equals(document.apiVersion())
        || !SessionCacheDocument.KIND.equals(document.kind())) {
      throw new InvalidCacheDocumentException(
          "unsupported session version: apiVersion=%s kind=%s"
              .formatted(document.apiVersion(), document.kind()));
    }
    return document;
  }

  /**
   * Nulls out empty or expired ID and access tokens (a token without expiry counts as expired) and
   * empty refresh tokens, drops sessions left with no token or unused for 90 days, and sorts by
   * creation time (stable).
   */
  @Override
  public SessionCacheDocument normalized(SessionCacheDocument document, Instant now) {
    Instant oldestUse = now.minus(UNUSED_SESSION_LIFETIME);
    List<Entry> kept = new ArrayList<>();
    for (Entry entry : document.sessions()) {
      OidcTokens tokens = liveTokens(entry.tokens(), now);
      Instant lastUsed = entry.lastUsedTimestamp();
      if (tokens.isEmpty() || lastUsed == null || lastUsed.isBefore(oldestUse)) {
        continue;
      }
      kept.add(new Entry(entry.key(), entry.creationTimestamp(), lastUsed, tokens));
    }
    kept.sort(
        Comparator.comparing(
            Entry::creationTimestamp, Comparator.nullsFirst(Comparator.naturalOrder())));
    return SessionCacheDocument.of(kept);
  }

  private static OidcTokens liveTokens(OidcTokens tokens, Instant now) {
    IdToken id = tokens.id();
    AccessToken access = tokens.access();
    RefreshToken refresh = tokens.refresh();
    return new OidcTokens(
        access == null || !isLive(access.token(), access.expiryTimestamp(), now) ? null : access,
        refresh == null || refresh.token().isEmpty() ? null : refresh,
        id == null || !isLive(id.token(), id.expiryTimestamp(), now) ? null : id);
  }

  private static boolean isLive(String token, @Nullable Instant expiry, Instant now) {
    return !token.isEmpty() && expiry != null && !expiry.isBefore(now);
  }

  @Override
  public byte[] serialize(SessionCacheDocument document) throws JsonProcessingException {
    return KubeJson.writeYaml(document).getBytes(StandardCharsets.UTF_8);
  }
}
