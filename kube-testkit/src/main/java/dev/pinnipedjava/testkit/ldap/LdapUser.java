package dev.pinnipedjava.testkit.ldap;

/**
 * A person in the directory: an {@code inetOrgPerson} and {@code posixAccount} below {@code
 * ou=users}, named by {@code uid}.
 */
public record LdapUser(String uid, String commonName, String email, String password) {
  /** A user whose common name is its uid and whose mail is {@code uid@pinniped.dev}. */
  public static LdapUser of(String uid, String password) {
    return new LdapUser(uid, uid, uid + "@pinniped.dev", password);
  }

  @Override
  public String toString() {
    return "LdapUser[uid="
        + uid
        + ", commonName="
        + commonName
        + ", email="
        + email
        + ", password=(redacted)]";
  }
}
