package dev.pinnipedjava.supervisor.session;

import java.util.Map;

/**
 * An Active Directory login as its provider revalidates it: as {@link LdapUpstreamSession}, and the
 * password must not have changed since login ({@code pwdLastSet}, kept in {@code
 * extraRefreshAttributes}).
 *
 * @param userDn the DN of the user's entry
 * @param uid the user's UID as the provider rendered it (part of the downstream subject)
 * @param username the username the entry mapped to at login
 * @param extraRefreshAttributes attribute values captured at login that a refresh compares
 */
public record ActiveDirectoryUpstreamSession(
    String userDn, String uid, String username, Map<String, String> extraRefreshAttributes)
    implements UpstreamSessionData {
  public ActiveDirectoryUpstreamSession {
    extraRefreshAttributes = Map.copyOf(extraRefreshAttributes);
  }

  @Override
  public String toString() {
    // DNs and usernames are personal information.
    return "ActiveDirectoryUpstreamSession[redacted]";
  }
}
