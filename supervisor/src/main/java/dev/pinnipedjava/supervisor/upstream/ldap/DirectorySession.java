package dev.pinnipedjava.supervisor.upstream.ldap;

import java.util.Map;

/**
 * What a directory login keeps for its revalidation, whatever the kind of directory; each {@link
 * DirectoryDialect} stores it as its own session record.
 */
public record DirectorySession(
    String userDn, String uid, String username, Map<String, String> extraRefreshAttributes) {
  public DirectorySession {
    extraRefreshAttributes = Map.copyOf(extraRefreshAttributes);
  }

  @Override
  public String toString() {
    return "DirectorySession[redacted]";
  }
}
