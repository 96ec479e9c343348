package dev.pinnipedjava.testkit.activedirectory;

/**
 * A user to create in the test domain, below {@code CN=Users}: its account name (AD's
 * sAMAccountName), mail and password. It binds as {@code <samAccountName>@pinniped.test}.
 */
public record AdUser(String samAccountName, String email, String password) {
  /** A user whose mail is {@code <name>@example.com}. */
  public static AdUser of(String samAccountName, String password) {
    return new AdUser(samAccountName, samAccountName + "@example.com", password);
  }

  @Override
  public String toString() {
    return "AdUser[samAccountName="
        + samAccountName
        + ", email="
        + email
        + ", password=(redacted)]";
  }
}
