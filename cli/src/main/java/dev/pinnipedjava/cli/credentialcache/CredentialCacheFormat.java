package dev.pinnipedjava.cli.credentialcache;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pinnipedjava.cli.cachefile.CacheDocumentFormat;
import dev.pinnipedjava.cli.cachefile.InvalidCacheDocumentException;
import dev.pinnipedjava.cli.credentialcache.CredentialCacheDocument.Entry;
import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Reading, pruning and writing credentials.yaml by Pinniped's rules. */
final class CredentialCacheFormat implements CacheDocumentFormat<CredentialCacheDocument> {

  /** Pinniped's maxCacheDuration: an entry is dropped an hour after it was created. */
  static final Duration MAX_AGE = Duration.ofHours(1);

  @Override
  public CredentialCacheDocument empty() {
    return CredentialCacheDocument.of(List.of());
  }

  @Override
  public CredentialCacheDocument parse(byte[] bytes) throws InvalidCacheDocumentException {
    CredentialCacheDocument document;
    try {
      document = KubeJson.yaml().readValue(bytes, CredentialCacheDocument.class);
    } catch (IOException | RuntimeException e) {
      throw new InvalidCacheDocumentException("invalid cache file: " + e.getMessage(), e);
    }
    if (document == null) {
      throw new InvalidCacheDocumentException("invalid cache file: empty document");
    }
    if (!CredentialCacheDocument.API_VERSION.equals(document.apiVersion())
        || !CredentialCacheDocument.KIND.equals(document.kind())) {
      throw new InvalidCacheDocumentException(
          "unsupported credential cache version: apiVersion=%s kind=%s"
              .formatted(document.apiVersion(), document.kind()));
    }
    return document;
  }

  /**
   * Drops entries without a credential or expiry, expired ones (no safety margin) and ones created
   * more than an hour ago, then sorts by creation time (stable).
   */
  @Override
  public CredentialCacheDocument normalized(CredentialCacheDocument document, Instant now) {
    Instant oldestCreation = now.minus(MAX_AGE);
    return CredentialCacheDocument.of(
        document.credentials().stream()
            .filter(entry -> isFresh(entry, now, oldestCreation))
            .sorted(
                Comparator.comparing(
                    Entry::creationTimestamp, Comparator.nullsFirst(Comparator.naturalOrder())))
            .toList());
  }

  private static boolean isFresh(Entry entry, Instant now, Instant oldestCreation) {
    ExecCredentialStatus credential = entry.credential();
    Instant expiry = credential == null ? null : credential.expirationTimestamp();
    Instant created = entry.creationTimestamp();
    return expiry != null
        && !expiry.isBefore(now)
        && created != null
        && !created.isBefore(oldestCreation);
  }

  @Override
  public byte[] serialize(CredentialCacheDocument document) throws JsonProcessingException {
    return KubeJson.writeYaml(document).getBytes(StandardCharsets.UTF_8);
  }
}
