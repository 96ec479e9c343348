package dev.pinnipedjava.supervisor.upstream;

import dev.pinnipedjava.supervisor.session.UpstreamSessionData;

/** How revalidating a login with its upstream provider ended. */
public sealed interface RefreshResult {
  /**
   * The login still holds, with the identity as the provider asserts it now.
   *
   * @param session replaces the stored upstream session data (a rotated upstream refresh token)
   */
  record Refreshed(UpstreamIdentity identity, UpstreamSessionData session)
      implements RefreshResult {}

  /**
   * The login no longer holds (revoked upstream, subject changed, claims no longer map).
   *
   * @param reason for the log only: it may name upstream details
   */
  record Rejected(String reason) implements RefreshResult {}
}
