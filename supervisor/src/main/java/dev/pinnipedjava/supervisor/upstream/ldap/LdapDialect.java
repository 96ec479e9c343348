package dev.pinnipedjava.supervisor.upstream.ldap;

import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.session.LdapUpstreamSession;
import dev.pinnipedjava.supervisor.session.UpstreamSessionData;
import java.util.Optional;

/** A plain LDAP directory: UIDs and group names as the configured attributes give them. */
public final class LdapDialect implements DirectoryDialect {
  @Override
  public IdentityProviderKind kind() {
    return IdentityProviderKind.LDAP;
  }

  @Override
  public UpstreamSessionData session(DirectorySession login) {
    return new LdapUpstreamSession(
        login.userDn(), login.uid(), login.username(), login.extraRefreshAttributes());
  }

  @Override
  public Optional<DirectorySession> read(UpstreamSessionData data) {
    return data instanceof LdapUpstreamSession ldap
        ? Optional.of(
            new DirectorySession(
                ldap.userDn(), ldap.uid(), ldap.username(), ldap.extraRefreshAttributes()))
        : Optional.empty();
  }
}
