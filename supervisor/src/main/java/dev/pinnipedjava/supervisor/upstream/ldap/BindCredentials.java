package dev.pinnipedjava.supervisor.upstream.ldap;

/** The service account a provider searches with, from its bind Secret. */
public record BindCredentials(String username, String password) {
  @Override
  public String toString() {
    return "BindCredentials[username=" + username + ", password=redacted]";
  }
}
