package dev.pinnipedjava.concierge.authenticator;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;

/**
 * What an authenticator concluded about a token. A rejected token and an authenticator that could
 * not decide are different outcomes, though the client sees the same generic failure for both.
 */
public sealed interface AuthenticationResult {
  /** The token is valid and names this user. */
  record Authenticated(KubernetesUser user) implements AuthenticationResult {}

  /** The token is not valid; the reason is for the audit log only and never quotes the token. */
  record Rejected(String reason) implements AuthenticationResult {}

  /** The authenticator could not decide, for example its keys could not be fetched. */
  record Failed(String reason) implements AuthenticationResult {}
}
