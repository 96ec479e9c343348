package dev.pinnipedjava.supervisor.upstream;

import java.util.List;

/** What revoking the upstream tokens of an ended login came to (RFC 7009). */
public sealed interface RevocationResult {
  /**
   * The provider revoked these tokens, or had nothing to revoke.
   *
   * @param tokenTypes the RFC 7009 hints of the revoked tokens ({@code refresh_token}, {@code
   *     access_token}), in the order revoked; empty when the login holds no upstream token or the
   *     provider has no revocation endpoint
   */
  record Revoked(List<String> tokenTypes) implements RevocationResult {
    public Revoked {
      tokenTypes = List.copyOf(tokenTypes);
    }
  }

  /**
   * The provider could not revoke them.
   *
   * @param reason for the log; may quote the provider, never the token
   * @param retryable whether trying later may succeed (no answer, or a 5xx)
   */
  record Failed(String reason, boolean retryable) implements RevocationResult {}

  static RevocationResult nothingToRevoke() {
    return new Revoked(List.of());
  }
}
