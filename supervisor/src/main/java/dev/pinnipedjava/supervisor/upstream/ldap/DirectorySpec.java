package dev.pinnipedjava.supervisor.upstream.ldap;

import dev.pinnipedjava.api.supervisor.idp.v1alpha1.DirectoryIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.TLSSpec;
import java.util.Objects;
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

  /** The spec of either kind of resource; none reads as all fields absent. */
  public static DirectorySpec of(@Nullable DirectoryIdentityProviderSpec spec) {
    if (spec == null) {
      return new DirectorySpec("", null, "", null, null, null, null, null, null, null, null, false);
    }
    DirectoryIdentityProviderSpec.Bind bind = spec.bind();
    DirectoryIdentityProviderSpec.UserSearch users = spec.userSearch();
    DirectoryIdentityProviderSpec.UserSearchAttributes userAttributes =
        users == null ? null : users.attributes();
    DirectoryIdentityProviderSpec.GroupSearch groups = spec.groupSearch();
    DirectoryIdentityProviderSpec.GroupSearchAttributes groupAttributes =
        groups == null ? null : groups.attributes();
    return new DirectorySpec(
        Objects.requireNonNullElse(spec.host(), ""),
        spec.tls(),
        bind == null ? "" : bind.secretName(),
        users == null ? null : users.base(),
        users == null ? null : users.filter(),
        userAttributes == null ? null : userAttributes.username(),
        userAttributes == null ? null : userAttributes.uid(),
        groups == null ? null : groups.base(),
        groups == null ? null : groups.filter(),
        groups == null ? null : groups.userAttributeForFilter(),
        groupAttributes == null ? null : groupAttributes.groupName(),
        groups != null && Boolean.TRUE.equals(groups.skipGroupRefresh()));
  }

  public static @Nullable String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
