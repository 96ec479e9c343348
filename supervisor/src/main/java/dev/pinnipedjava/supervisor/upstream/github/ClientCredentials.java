package dev.pinnipedjava.supervisor.upstream.github;

/** The GitHub App or OAuth App the Supervisor logs users in with. */
record ClientCredentials(String clientId, String clientSecret) {
  @Override
  public String toString() {
    return "ClientCredentials[" + clientId + "]";
  }
}
