package dev.pinnipedjava.testkit.activedirectory;

/** An AD account: its DN, the {@code userPrincipalName} it binds with, and its password. */
public record AdAccount(String dn, String userPrincipalName, String password) {
  @Override
  public String toString() {
    return "AdAccount[dn="
        + dn
        + ", userPrincipalName="
        + userPrincipalName
        + ", password=(redacted)]";
  }
}
