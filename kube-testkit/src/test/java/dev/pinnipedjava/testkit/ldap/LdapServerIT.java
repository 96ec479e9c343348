package dev.pinnipedjava.testkit.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@WithLdapServer
class LdapServerIT {
  private final LdapServer ldap;

  LdapServerIT(LdapServer ldap) {
    this.ldap = ldap;
  }

  /** How a client reaches the server: LDAPS, or the plain port upgraded with StartTLS. */
  interface Transport {
    LDAPConnection connect(LdapServer server) throws LDAPException;
  }

  record Case(String name, Transport transport) {}

  static Stream<Case> transports() {
    return Stream.of(
        new Case("ldaps", LdapServer::connectLdaps),
        new Case("StartTLS", LdapServer::connectStartTls));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aUserBindsWithItsPasswordAndNotWithAnother(Case c) throws LDAPException {
    String uid = "bind-" + c.name().toLowerCase(Locale.ROOT);
    String dn = ldap.addUser(LdapUser.of(uid, "right password"));

    try (LDAPConnection connection = c.transport().connect(ldap)) {
      assertThat(connection.bind(dn, "right password").getResultCode())
          .isEqualTo(ResultCode.SUCCESS);
      assertThat(connection.getSSLSession()).isNotNull();
      assertThatThrownBy(() -> connection.bind(dn, "wrong password"))
          .isInstanceOfSatisfying(
              LDAPException.class,
              e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
    }
  }

  @Test
  void theServiceAccountFindsUsersByUidWithTheirAttributes() throws LDAPException {
    ldap.addUser(new LdapUser("searched", "Searched Person", "searched@example.com", "pw-1"));

    try (LDAPConnection connection = ldap.connectLdaps()) {
      connection.bind(ldap.serviceAccount().dn(), ldap.serviceAccount().password());
      SearchResult result =
          connection.search(
              LdapServer.USERS_DN,
              SearchScope.SUB,
              Filter.createEqualityFilter("uid", "searched"),
              "uid",
              "mail",
              "cn",
              "uidNumber",
              "entryUUID",
              "userPassword");

      assertThat(result.getEntryCount()).isEqualTo(1);
      SearchResultEntry entry = result.getSearchEntries().get(0);
      assertThat(entry.getDN()).isEqualTo(LdapServer.userDn("searched"));
      assertThat(entry.getAttributeValue("mail")).isEqualTo("searched@example.com");
      assertThat(entry.getAttributeValue("cn")).isEqualTo("Searched Person");
      assertThat(entry.getAttributeValueAsInteger("uidNumber")).isGreaterThanOrEqualTo(10000);
      assertThat(entry.getAttributeValue("entryUUID")).matches("[0-9a-f-]{36}");
      assertThat(entry.hasAttribute("userPassword")).as("password hash is not readable").isFalse();
    }
  }

  @Test
  void anAnonymousClientSeesNoEntries() throws LDAPException {
    ldap.addUser(LdapUser.of("hidden", "pw-2"));

    try (LDAPConnection connection = ldap.connectLdaps()) {
      // slapd hides even the base entry from a client the access rules give nothing.
      assertThatThrownBy(
              () -> connection.search(LdapServer.SUFFIX, SearchScope.SUB, "(objectClass=*)"))
          .isInstanceOfSatisfying(
              LDAPSearchException.class,
              e -> {
                assertThat(e.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
                assertThat(e.getEntryCount()).isZero();
              });
    }
  }

  @Test
  void nestedGroupsAndMembershipAreVisible() throws LDAPException {
    String alice = ldap.addUser(LdapUser.of("nested-alice", "pw-3"));
    String developers = ldap.addGroup("nested-developers", List.of(alice));
    String engineering = ldap.addGroup("nested-engineering", List.of(developers));

    try (LDAPConnection connection = serviceConnection()) {
      SearchResultEntry user = connection.getEntry(alice, "memberOf");
      assertThat(user.getAttributeValues("memberOf")).containsExactly(developers);
      SearchResult parents =
          connection.search(
              LdapServer.GROUPS_DN,
              SearchScope.SUB,
              Filter.createANDFilter(
                  Filter.createEqualityFilter("objectClass", "groupOfNames"),
                  Filter.createEqualityFilter("member", developers)),
              "cn");
      assertThat(parents.getSearchEntries())
          .extracting(SearchResultEntry::getDN)
          .containsExactly(engineering);
    }
  }

  @Test
  void membershipChangesAtRunTime() throws LDAPException {
    String bob = ldap.addUser(LdapUser.of("changing-bob", "pw-4"));
    String carol = ldap.addUser(LdapUser.of("changing-carol", "pw-5"));
    ldap.addGroup("changing-group", List.of(carol));

    ldap.addMember("changing-group", bob);
    try (LDAPConnection connection = serviceConnection()) {
      assertThat(connection.getEntry(bob, "memberOf").getAttributeValues("memberOf"))
          .containsExactly(LdapServer.groupDn("changing-group"));
    }

    ldap.removeMember("changing-group", bob);
    try (LDAPConnection connection = serviceConnection()) {
      assertThat(connection.getEntry(bob, "memberOf").hasAttribute("memberOf")).isFalse();
    }
  }

  @Test
  void aChangedPasswordReplacesTheOldOne() throws LDAPException {
    String dn = ldap.addUser(LdapUser.of("rotating", "old password"));

    ldap.changePassword("rotating", "new password");

    try (LDAPConnection connection = ldap.connectLdaps()) {
      assertThatThrownBy(() -> connection.bind(dn, "old password"))
          .isInstanceOf(LDAPException.class);
      assertThat(connection.bind(dn, "new password").getResultCode()).isEqualTo(ResultCode.SUCCESS);
    }
  }

  @Test
  void aDeletedUserCannotBindAndLeavesItsGroups() throws LDAPException {
    String dave = ldap.addUser(LdapUser.of("deleted-dave", "pw-6"));
    String erin = ldap.addUser(LdapUser.of("deleted-erin", "pw-7"));
    String group = ldap.addGroup("deleted-group", List.of(dave, erin));

    ldap.deleteUser("deleted-dave");

    try (LDAPConnection connection = serviceConnection()) {
      assertThat(connection.getEntry(dave)).isNull();
      assertThat(connection.getEntry(group, "member").getAttributeValues("member"))
          .containsExactly(erin);
    }
    try (LDAPConnection connection = ldap.connectLdaps()) {
      assertThatThrownBy(() -> connection.bind(dave, "pw-6")).isInstanceOf(LDAPException.class);
    }
  }

  @Test
  void theServerListensOnLoopbackOnly() {
    assertThat(ldap.ldapsUrl().getHost()).isEqualTo(LoopbackPorts.HOST);
    assertThat(ldap.ldapUrl().getHost()).isEqualTo(LoopbackPorts.HOST);
    assertThat(ldap.ldapsHostAndPort()).startsWith("127.0.0.1:");
  }

  private LDAPConnection serviceConnection() throws LDAPException {
    LDAPConnection connection = ldap.connectLdaps();
    connection.bind(ldap.serviceAccount().dn(), ldap.serviceAccount().password());
    return connection;
  }
}
