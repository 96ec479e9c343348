package dev.pinnipedjava.supervisor.upstream.ldap;

import com.unboundid.ldap.sdk.Entry;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.session.UpstreamSessionData;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between kinds of directory once their specs are read: how UIDs and group names are
 * rendered, what a refresh checks beyond the entry's existence, and which session record a login is
 * kept in.
 */
public interface DirectoryDialect {
  IdentityProviderKind kind();

  /** The user's UID as the downstream subject carries it. */
  default String uid(Entry user, String attribute) throws UnusableEntryException {
    return EntryValues.base64Url(user, attribute);
  }

  /** A group's name as the downstream groups carry it. */
  default String groupName(Entry group, String attribute) throws UnusableEntryException {
    return EntryValues.text(group, attribute);
  }

  /** Attributes of the user entry that {@link #refreshState} and {@link #refreshProblem} read. */
  default List<String> refreshAttributes() {
    return List.of();
  }

  /** What to remember of the user entry at login, for {@link #refreshProblem}. */
  default Map<String, String> refreshState(Entry user) {
    return Map.of();
  }

  /**
   * Why the login no longer holds, judging by the user's entry now and what was remembered.
   *
   * @return empty when it still holds; otherwise a reason for the log
   */
  default Optional<String> refreshProblem(Entry user, Map<String, String> atLogin) {
    return Optional.empty();
  }

  /** The session record of this kind. */
  UpstreamSessionData session(DirectorySession login);

  /** The login kept in {@code data}, when this kind wrote it. */
  Optional<DirectorySession> read(UpstreamSessionData data);
}
