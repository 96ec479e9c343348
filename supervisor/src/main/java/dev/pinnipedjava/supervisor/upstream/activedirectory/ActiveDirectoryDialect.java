package dev.pinnipedjava.supervisor.upstream.activedirectory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.session.ActiveDirectoryUpstreamSession;
import dev.pinnipedjava.supervisor.session.UpstreamSessionData;
import dev.pinnipedjava.supervisor.upstream.ldap.DirectoryDialect;
import dev.pinnipedjava.supervisor.upstream.ldap.DirectorySession;
import dev.pinnipedjava.supervisor.upstream.ldap.EntryValues;
import dev.pinnipedjava.supervisor.upstream.ldap.UnusableEntryException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Active Directory's renderings and refresh checks, as Pinniped's: {@code objectGUID} UIDs in
 * Microsoft's text form, {@code sAMAccountName} group names suffixed with the group's domain, and a
 * refresh that fails once the password changed ({@code pwdLastSet}), the account was disabled
 * ({@code userAccountControl}) or locked out ({@code msDS-User-Account-Control-Computed}).
 */
public final class ActiveDirectoryDialect implements DirectoryDialect {
  public static final String OBJECT_GUID = "objectGUID";
  public static final String SAM_ACCOUNT_NAME = "sAMAccountName";
  public static final String PWD_LAST_SET = "pwdLastSet";
  public static final String USER_ACCOUNT_CONTROL = "userAccountControl";
  public static final String USER_ACCOUNT_CONTROL_COMPUTED = "msDS-User-Account-Control-Computed";

  /** {@code userAccountControl}: ACCOUNTDISABLE. */
  static final long ACCOUNT_DISABLED = 0x2;

  /** {@code msDS-User-Account-Control-Computed}: LOCKOUT. */
  static final long LOCKED_OUT = 0x10;

  @Override
  public IdentityProviderKind kind() {
    return IdentityProviderKind.ACTIVE_DIRECTORY;
  }

  @Override
  public String uid(Entry user, String attribute) throws UnusableEntryException {
    if (!OBJECT_GUID.equalsIgnoreCase(attribute)) {
      return DirectoryDialect.super.uid(user, attribute);
    }
    try {
      return MicrosoftGuid.render(EntryValues.bytes(user, attribute));
    } catch (IllegalArgumentException e) {
      throw new UnusableEntryException(
          "the objectGUID of \"" + user.getDN() + "\" is not a GUID: " + e.getMessage());
    }
  }

  @Override
  public String groupName(Entry group, String attribute) throws UnusableEntryException {
    String name = EntryValues.text(group, attribute);
    if (!SAM_ACCOUNT_NAME.equalsIgnoreCase(attribute)) {
      return name;
    }
    return name + "@" + domain(group.getDN());
  }

  /** The DNS domain of an entry: its DN's {@code DC} components joined with dots. */
  static String domain(String dn) throws UnusableEntryException {
    List<String> components = new ArrayList<>();
    try {
      for (RDN rdn : new DN(dn).getRDNs()) {
        if (rdn.hasAttribute("dc")) {
          components.add(rdn.getAttributeValues()[0]);
        }
      }
    } catch (LDAPException e) {
      throw new UnusableEntryException("not a DN: \"" + dn + "\"");
    }
    if (components.isEmpty()) {
      throw new UnusableEntryException("did not find domain components in group dn: " + dn);
    }
    return String.join(".", components);
  }

  @Override
  public List<String> refreshAttributes() {
    return List.of(PWD_LAST_SET, USER_ACCOUNT_CONTROL, USER_ACCOUNT_CONTROL_COMPUTED);
  }

  @Override
  public Map<String, String> refreshState(Entry user) {
    Attribute pwdLastSet = user.getAttribute(PWD_LAST_SET);
    return pwdLastSet == null || pwdLastSet.size() != 1
        ? Map.of()
        : Map.of(PWD_LAST_SET, Base64.getEncoder().encodeToString(pwdLastSet.getValueByteArray()));
  }

  @Override
  public Optional<String> refreshProblem(Entry user, Map<String, String> atLogin) {
    Map<String, String> now = refreshState(user);
    if (!now.equals(atLogin)) {
      return Optional.of("password has changed since login");
    }
    if ((flags(user, USER_ACCOUNT_CONTROL) & ACCOUNT_DISABLED) != 0) {
      return Optional.of("user has been deactivated");
    }
    if ((flags(user, USER_ACCOUNT_CONTROL_COMPUTED) & LOCKED_OUT) != 0) {
      return Optional.of("user has been locked");
    }
    return Optional.empty();
  }

  private static long flags(Entry user, String attribute) {
    Long value = user.getAttributeValueAsLong(attribute);
    return value == null ? 0 : value;
  }

  @Override
  public UpstreamSessionData session(DirectorySession login) {
    return new ActiveDirectoryUpstreamSession(
        login.userDn(), login.uid(), login.username(), login.extraRefreshAttributes());
  }

  @Override
  public Optional<DirectorySession> read(UpstreamSessionData data) {
    return data instanceof ActiveDirectoryUpstreamSession ad
        ? Optional.of(
            new DirectorySession(ad.userDn(), ad.uid(), ad.username(), ad.extraRefreshAttributes()))
        : Optional.empty();
  }
}
