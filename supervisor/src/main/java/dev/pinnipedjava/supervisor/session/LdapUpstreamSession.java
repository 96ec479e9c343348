package dev.pinnipedjava.supervisor.session;

import java.util.Map;

/**
 * An LDAP login as its provider revalidates it: the user's entry is read again by its DN with the
 * bind account, and must still give the same username and UID.
 *
 * @param userDn the DN of the user's entry
 * @param uid the user's UID as the provider rendered it (part of the downstream subject)
 * @param username the username the entry mapped to at login
 * @param extraRefreshAttributes attribute values captured at login that a refresh compares
 */
public record LdapUpstreamSession(
    String userDn, String uid, String username, Map<String, String> extraRefreshAttributes)
    implements UpstreamSessionData {
  public LdapUpstreamSession {
    extraRefreshAttributes = Map.copyOf(extraRefreshAttributes);
  }

  @Override
  public String toString() {
    // DNs and usernames are personal information.
    return "LdapUpstreamSession[redacted]";
  }
}
