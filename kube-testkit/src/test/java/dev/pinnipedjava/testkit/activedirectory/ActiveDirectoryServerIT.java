package dev.pinnipedjava.testkit.activedirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Starts and stops its own domain controller (not the shared one of {@link
 * ActiveDirectoryExtension}) so that it can check that stopping frees Samba's fixed ports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActiveDirectoryServerIT {
  /** The AD "LDAP_MATCHING_RULE_IN_CHAIN": membership through nested groups. */
  private static final String IN_CHAIN = "1.2.840.113556.1.4.1941";

  private ActiveDirectoryServer ad;

  @BeforeAll
  void startDomainController() {
    ad = ActiveDirectoryServer.start();
    System.err.println(
        "kube-testkit: Samba AD ready in "
            + ad.startupTime().toMillis()
            + " ms at "
            + ad.ldapsUrl()
            + " ("
            + ad.runDirectory()
            + ")");
  }

  @AfterAll
  void stopFreesTheFixedPorts() {
    ad.stop();
    assertThat(ActiveDirectoryServer.PORTS).noneMatch(LoopbackPorts::listening);
  }

  /** How a client reaches the server: LDAPS, or port 389 upgraded with StartTLS. */
  interface Transport {
    LDAPConnection connect(ActiveDirectoryServer server) throws LDAPException;
  }

  record Case(String name, Transport transport) {}

  static Stream<Case> transports() {
    return Stream.of(
        new Case("ldaps", ActiveDirectoryServer::connectLdaps),
        new Case("StartTLS", ActiveDirectoryServer::connectStartTls));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aUserBindsWithItsUserPrincipalName(Case c) throws LDAPException {
    String name = "upn-" + c.name().toLowerCase(Locale.ROOT);
    ad.addUser(AdUser.of(name, "Right-password-1"));

    try (LDAPConnection connection = c.transport().connect(ad)) {
      assertThat(
              connection
                  .bind(ActiveDirectoryServer.userPrincipalName(name), "Right-password-1")
                  .getResultCode())
          .isEqualTo(ResultCode.SUCCESS);
      assertThat(connection.getSSLSession()).isNotNull();
    }
  }

  @Test
  void aWrongPasswordIsRefused() throws LDAPException {
    ad.addUser(AdUser.of("wrong-pw", "Right-password-2"));

    try (LDAPConnection connection = ad.connectLdaps()) {
      assertThatThrownBy(
              () -> connection.bind(ActiveDirectoryServer.userPrincipalName("wrong-pw"), "nope"))
          .isInstanceOfSatisfying(
              LDAPException.class,
              e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
    }
  }

  @Test
  void theAttributesAnIdentityProviderReadsArePresent() throws LDAPException {
    String dn = ad.addUser(new AdUser("attrs", "attrs@example.com", "Right-password-3"));

    try (LDAPConnection connection = boundAs("attrs", "Right-password-3")) {
      SearchResultEntry entry =
          connection.searchForEntry(
              ActiveDirectoryServer.BASE_DN,
              SearchScope.SUB,
              Filter.createEqualityFilter(
                  "userPrincipalName", ActiveDirectoryServer.userPrincipalName("attrs")),
              "objectGUID",
              "pwdLastSet",
              "userAccountControl",
              "msDS-User-Account-Control-Computed",
              "sAMAccountName",
              "mail");

      assertThat(entry).isNotNull();
      assertThat(entry.getDN()).isEqualToIgnoringCase(dn);
      assertThat(entry.getAttributeValueBytes("objectGUID")).hasSize(16);
      assertThat(entry.getAttributeValueAsLong("pwdLastSet")).isPositive();
      assertThat(entry.getAttributeValueAsInteger("userAccountControl"))
          .isEqualTo(ActiveDirectoryServer.UF_NORMAL_ACCOUNT);
      assertThat(entry.getAttributeValueAsInteger("msDS-User-Account-Control-Computed")).isZero();
      assertThat(entry.getAttributeValue("sAMAccountName")).isEqualTo("attrs");
      assertThat(entry.getAttributeValue("mail")).isEqualTo("attrs@example.com");
    }
  }

  @Test
  void nestedGroupsResolveThroughTheInChainMatchingRule() throws LDAPException {
    String user = ad.addUser(AdUser.of("nested-user", "Right-password-4"));
    String inner = ad.addGroup("nested-inner", List.of(user));
    String outer = ad.addGroup("nested-outer", List.of(inner));
    ad.addGroup("nested-unrelated", List.of());

    try (LDAPConnection connection = boundAs("nested-user", "Right-password-4")) {
      List<String> groups =
          connection
              .search(
                  ActiveDirectoryServer.BASE_DN,
                  SearchScope.SUB,
                  Filter.create("(member:" + IN_CHAIN + ":=" + user + ")"),
                  "sAMAccountName")
              .getSearchEntries()
              .stream()
              .map(entry -> entry.getAttributeValue("sAMAccountName"))
              .toList();
      assertThat(groups).containsExactlyInAnyOrder("nested-inner", "nested-outer");

      SearchResultEntry direct = connection.getEntry(user, "memberOf");
      assertThat(direct.getAttributeValues("memberOf")).containsExactly(inner);
      assertThat(outer).isNotEqualTo(inner);
    }
  }

  @Test
  void aChangedPasswordReplacesTheOldOneAndMovesPwdLastSet() throws LDAPException {
    String dn = ad.addUser(AdUser.of("rotating", "Old-password-5"));
    long before = pwdLastSet(dn);

    ad.changePassword("rotating", "New-password-5");

    try (LDAPConnection connection = ad.connectLdaps()) {
      String upn = ActiveDirectoryServer.userPrincipalName("rotating");
      assertThatThrownBy(() -> connection.bind(upn, "Old-password-5"))
          .isInstanceOf(LDAPException.class);
      assertThat(connection.bind(upn, "New-password-5").getResultCode())
          .isEqualTo(ResultCode.SUCCESS);
    }
    assertThat(pwdLastSet(dn)).isGreaterThan(before);
  }

  @Test
  void aDisabledAccountCannotBindUntilEnabled() throws LDAPException {
    String dn = ad.addUser(AdUser.of("disabled", "Right-password-6"));

    ad.disable("disabled");

    assertThat(readInt(dn, "userAccountControl") & ActiveDirectoryServer.UF_ACCOUNTDISABLE)
        .isNotZero();
    assertThatThrownBy(() -> boundAs("disabled", "Right-password-6").close())
        .isInstanceOf(LDAPException.class);

    ad.enable("disabled");

    boundAs("disabled", "Right-password-6").close();
  }

  @Test
  void aLockedAccountCannotBindUntilUnlocked() throws LDAPException {
    String dn = ad.addUser(AdUser.of("locked", "Right-password-7"));

    ad.lock("locked");

    assertThat(readInt(dn, "msDS-User-Account-Control-Computed") & ActiveDirectoryServer.UF_LOCKOUT)
        .isNotZero();
    assertThatThrownBy(() -> boundAs("locked", "Right-password-7").close())
        .isInstanceOf(LDAPException.class);

    ad.unlock("locked");

    assertThat(readInt(dn, "msDS-User-Account-Control-Computed")).isZero();
    boundAs("locked", "Right-password-7").close();
  }

  private LDAPConnection boundAs(String name, String password) throws LDAPException {
    LDAPConnection connection = ad.connectLdaps();
    try {
      connection.bind(ActiveDirectoryServer.userPrincipalName(name), password);
      return connection;
    } catch (LDAPException e) {
      connection.close();
      throw e;
    }
  }

  private long pwdLastSet(String dn) throws LDAPException {
    try (LDAPConnection connection = administrator()) {
      return connection.getEntry(dn, "pwdLastSet").getAttributeValueAsLong("pwdLastSet");
    }
  }

  private int readInt(String dn, String attribute) throws LDAPException {
    try (LDAPConnection connection = administrator()) {
      return connection.getEntry(dn, attribute).getAttributeValueAsInteger(attribute);
    }
  }

  private LDAPConnection administrator() throws LDAPException {
    LDAPConnection connection = ad.connectLdaps();
    connection.bind(ad.administrator().userPrincipalName(), ad.administrator().password());
    return connection;
  }
}
