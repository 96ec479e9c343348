package dev.pinnipedjava.supervisor.upstream;

import dev.pinnipedjava.supervisor.session.UpstreamSessionData;
import java.util.List;

/** How a login with an upstream provider ended, when the provider could be asked. */
public sealed interface LoginResult {
  /**
   * The user is who they say.
   *
   * @param session what the provider needs to revalidate this login on refresh
   * @param warnings for the user, such as a short upstream session
   */
  record Authenticated(
      UpstreamIdentity identity, UpstreamSessionData session, List<String> warnings)
      implements LoginResult {
    public Authenticated {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The provider, or its mapping of the user's claims, refused the user.
   *
   * @param reason why, safe to show the user (no credentials, no upstream internals)
   * @param badCredentials whether the username or password were wrong
   */
  record Rejected(String reason, boolean badCredentials) implements LoginResult {}
}
