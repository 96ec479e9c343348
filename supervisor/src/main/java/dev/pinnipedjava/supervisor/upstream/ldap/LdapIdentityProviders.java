package dev.pinnipedjava.supervisor.upstream.ldap;

import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProvider;
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
    return DirectorySpec.of(resource.getSpec());
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
