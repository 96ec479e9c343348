package dev.pinnipedjava.testkit.ldap;

/** A DN and the password it binds with. */
public record LdapAccount(String dn, String password) {
  @Override
  public String toString() {
    return "LdapAccount[dn=" + dn + ", password=(redacted)]";
  }
}
