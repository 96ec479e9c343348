package dev.pinnipedjava.supervisor.storage;

import dev.pinnipedjava.supervisor.secretstore.VersionedShape;

/**
 * An authorization code's login. Kept after use, inactive, so that a second use is recognised and
 * revokes the tokens the first one got (RFC 6749 section 4.1.2).
 */
public record AuthorizationCodeDocument(AuthorizedRequest request, boolean active, String version)
    implements VersionedShape {
  public static AuthorizationCodeDocument active(AuthorizedRequest request) {
    return new AuthorizationCodeDocument(request, true, StorageSchema.VERSION);
  }

  public AuthorizationCodeDocument invalidated() {
    return new AuthorizationCodeDocument(request, false, version);
  }

  @Override
  public String toString() {
    return "AuthorizationCodeDocument[" + request + ", active=" + active + "]";
  }
}
