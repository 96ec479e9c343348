package dev.pinnipedjava.supervisor.storage;

import dev.pinnipedjava.supervisor.secretstore.VersionedShape;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A login as a PKCE, OIDC session, access token or refresh token document holds it.
 *
 * @param expiresAt when the token stops working, for access tokens (the document lives longer, so
 *     that its login can be revoked as a whole)
 */
public record RequestDocument(
    AuthorizedRequest request, @Nullable Instant expiresAt, String version)
    implements VersionedShape {
  public static RequestDocument of(AuthorizedRequest request) {
    return new RequestDocument(request, null, StorageSchema.VERSION);
  }

  public static RequestDocument expiring(AuthorizedRequest request, Instant expiresAt) {
    return new RequestDocument(request, expiresAt, StorageSchema.VERSION);
  }

  @Override
  public String toString() {
    return "RequestDocument[" + request + "]";
  }
}
