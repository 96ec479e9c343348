package dev.pinnipedjava.supervisor.storage;

import dev.pinnipedjava.supervisor.secretstore.VersionedShape;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The tokens of one login, in one Secret named after the login's request ID: its current access
 * token and refresh token, by signature. Every token of the login carries the request ID, so a
 * token finds its login with one read, and a refresh rotates both tokens with one update (whose
 * resource version precondition also refuses a second use of the same refresh token). Tokens
 * replaced by a refresh stop matching at once, as Pinniped's deleted token Secrets do.
 *
 * @param request the login, as last refreshed
 * @param accessSignature the signature of the current access token
 * @param accessExpiresAt when the current access token stops working
 * @param refreshSignature the signature of the current refresh token; null without {@code
 *     offline_access}
 */
public record TokenSessionDocument(
    AuthorizedRequest request,
    String accessSignature,
    Instant accessExpiresAt,
    @Nullable String refreshSignature,
    String version)
    implements VersionedShape {
  public static TokenSessionDocument of(
      AuthorizedRequest request,
      String accessSignature,
      Instant accessExpiresAt,
      @Nullable String refreshSignature) {
    return new TokenSessionDocument(
        request, accessSignature, accessExpiresAt, refreshSignature, StorageSchema.VERSION);
  }

  /** Whether {@code signature} is that of the current refresh token (constant time). */
  public boolean isCurrentRefreshToken(String signature) {
    return refreshSignature != null && same(refreshSignature, signature);
  }

  /** Whether {@code signature} is that of the current access token, unexpired at {@code now}. */
  public boolean isCurrentAccessToken(String signature, Instant now) {
    return same(accessSignature, signature) && now.isBefore(accessExpiresAt);
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "TokenSessionDocument[" + request + "]";
  }
}
