package dev.pinnipedjava.supervisor.upstream.ldap;

import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderGroupSearch;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderUserSearch;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * LDAPIdentityProvider with Pinniped's defaults: user filter {@code <username attribute>={}}, group
 * filter {@code member={}} matched on the user's DN, group names the group DNs, and no group search
 * without a group search base.
 */
public final class LdapIdentityProviders implements DirectoryKind<LDAPIdentityProvider> {
  public static final String DEFAULT_GROUP_FILTER = "member={}";

  private final LdapDialect dialect = new LdapDialect();

  @Override
  public IdentityProviderKind kind() {
    return IdentityProviderKind.LDAP;
  }

  @Override
  public String controllerName() {
    return "ldap-upstream-observer";
  }

  @Override
  public boolean reportsSearchBase() {
    return false;
  }

  @Override
  public DirectorySpec spec(LDAPIdentityProvider resource) {
    LDAPIdentityProviderSpec spec = resource.getSpec();
    if (spec == null) {
      return new DirectorySpec("", null, "", null, null, null, null, null, null, null, null, false);
    }
    LDAPIdentityProviderUserSearch users = spec.userSearch();
    LDAPIdentityProviderGroupSearch groups = spec.groupSearch();
    return new DirectorySpec(
        Objects.requireNonNullElse(spec.host(), ""),
        spec.tls(),
        spec.bind() == null ? "" : spec.bind().secretName(),
        users == null ? null : users.base(),
        users == null ? null : users.filter(),
        users == null || users.attributes() == null ? null : users.attributes().username(),
        users == null || users.attributes() == null ? null : users.attributes().uid(),
        groups == null ? null : groups.base(),
        groups == null ? null : groups.filter(),
        groups == null ? null : groups.userAttributeForFilter(),
        groups == null || groups.attributes() == null ? null : groups.attributes().groupName(),
        groups != null && Boolean.TRUE.equals(groups.skipGroupRefresh()));
  }

  @Override
  public DirectoryDialect dialect() {
    return dialect;
  }

  @Override
  public Optional<Searches> searches(DirectorySpec spec, @Nullable String defaultNamingContext) {
    String usernameAttribute = Objects.requireNonNullElse(spec.usernameAttribute(), "");
    String uidAttribute = Objects.requireNonNullElse(spec.uidAttribute(), "");
    String userFilter =
        spec.userSearchFilter() == null
            ? usernameAttribute + "=" + SearchFilterTemplate.PLACEHOLDER
            : spec.userSearchFilter();
    String groupFilter =
        spec.groupSearchFilter() == null ? DEFAULT_GROUP_FILTER : spec.groupSearchFilter();
    return Optional.of(
        new Searches(
            new DirectoryConfig.UserSearch(
                Objects.requireNonNullElse(spec.userSearchBase(), ""),
                new SearchFilterTemplate(userFilter),
                usernameAttribute,
                uidAttribute),
            new DirectoryConfig.GroupSearch(
                Objects.requireNonNullElse(spec.groupSearchBase(), ""),
                new SearchFilterTemplate(groupFilter),
                Objects.requireNonNullElse(spec.userAttributeForGroupFilter(), EntryValues.DN),
                Objects.requireNonNullElse(spec.groupNameAttribute(), EntryValues.DN),
                spec.skipGroupRefresh())));
  }
}
