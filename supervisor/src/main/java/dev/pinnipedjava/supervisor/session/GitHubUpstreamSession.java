package dev.pinnipedjava.supervisor.session;

/**
 * A GitHub login as its provider revalidates it: GitHub issues no refresh tokens, so the access
 * token is kept to read the user, their organizations and teams again on every refresh, which must
 * find the same user.
 *
 * @param accessToken the GitHub access token of the login
 * @param login the user's GitHub login at the login
 * @param userId the user's numeric GitHub id
 */
public record GitHubUpstreamSession(String accessToken, String login, String userId)
    implements UpstreamSessionData {
  public GitHubUpstreamSession {
    if (accessToken.isEmpty()) {
      throw new IllegalArgumentException("a GitHub session needs an access token");
    }
  }

  @Override
  public String toString() {
    // The login is personal information; the token a credential.
    return "GitHubUpstreamSession[accessToken=redacted]";
  }
}
