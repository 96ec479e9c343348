package dev.pinnipedjava.supervisor.endpoint.token.grant;

/** One {@code grant_type} of the token endpoint. */
public interface TokenGrant {
  /** The {@code grant_type} value it handles. */
  String grantType();

  /**
   * Handles a request of its grant type from a client allowed to use it.
   *
   * @throws dev.pinnipedjava.supervisor.oauth.OAuthErrorException for every refusal
   */
  TokenResult handle(TokenRequest request);
}
