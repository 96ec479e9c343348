package dev.pinnipedjava.supervisor.upstream.ldap;

import dev.pinnipedjava.api.supervisor.idp.v1alpha1.TLSSpec;
import org.jspecify.annotations.Nullable;

/**
 * The spec of an LDAPIdentityProvider or ActiveDirectoryIdentityProvider, which have the same
 * shape, before defaults: empty strings read as absent.
 */
public record DirectorySpec(
    String host,
    @Nullable TLSSpec tls,
    String bindSecretName,
    @Nullable String userSearchBase,
    @Nullable String userSearchFilter,
    @Nullable String usernameAttribute,
    @Nullable String uidAttribute,
    @Nullable String groupSearchBase,
    @Nullable String groupSearchFilter,
    @Nullable String userAttributeForGroupFilter,
    @Nullable String groupNameAttribute,
    boolean skipGroupRefresh) {
  public DirectorySpec {
    userSearchBase = emptyToNull(userSearchBase);
    userSearchFilter = emptyToNull(userSearchFilter);
    usernameAttribute = emptyToNull(usernameAttribute);
    uidAttribute = emptyToNull(uidAttribute);
    groupSearchBase = emptyToNull(groupSearchBase);
    groupSearchFilter = emptyToNull(groupSearchFilter);
    userAttributeForGroupFilter = emptyToNull(userAttributeForGroupFilter);
    groupNameAttribute = emptyToNull(groupNameAttribute);
  }

  public static @Nullable String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
