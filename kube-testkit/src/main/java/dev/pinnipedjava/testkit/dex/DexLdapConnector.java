package dev.pinnipedjava.testkit.dex;

import dev.pinnipedjava.testkit.ldap.LdapAccount;
import dev.pinnipedjava.testkit.ldap.LdapServer;

/**
 * Dex's {@code ldap} connector pointed at a test OpenLDAP server: users log in with their {@code
 * uid}, and the groups whose {@code member} names them become the ID token's {@code groups} claim.
 * This is how Dex gives tests real group claims (its password database has no groups).
 */
public record DexLdapConnector(
    String id,
    String hostAndPort,
    String caPem,
    LdapAccount bindAccount,
    String userBaseDn,
    String groupBaseDn) {
  public static final String DEFAULT_ID = "ldap";

  /** The connector for {@code server}, binding as its service account over LDAPS. */
  public static DexLdapConnector forServer(LdapServer server) {
    return new DexLdapConnector(
        DEFAULT_ID,
        server.ldapsHostAndPort(),
        server.caPem(),
        server.serviceAccount(),
        LdapServer.USERS_DN,
        LdapServer.GROUPS_DN);
  }
}
