package dev.pinnipedjava.supervisor.upstream.activedirectory;

import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProvider;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.upstream.ldap.DirectoryConfig;
import dev.pinnipedjava.supervisor.upstream.ldap.DirectoryDialect;
import dev.pinnipedjava.supervisor.upstream.ldap.DirectoryKind;
import dev.pinnipedjava.supervisor.upstream.ldap.DirectorySpec;
import dev.pinnipedjava.supervisor.upstream.ldap.EntryValues;
import dev.pinnipedjava.supervisor.upstream.ldap.SearchFilterTemplate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * ActiveDirectoryIdentityProvider with Pinniped's defaults: both search bases the domain's {@code
 * defaultNamingContext}, normal user accounts found by {@code sAMAccountName}, {@code mail} or
 * {@code userPrincipalName}, username {@code userPrincipalName}, UID {@code objectGUID}, and the
 * groups the user is a member of, directly or through other groups, named {@code
 * sAMAccountName@domain}.
 */
public final class ActiveDirectoryIdentityProviders
    implements DirectoryKind<ActiveDirectoryIdentityProvider> {
  public static final String DEFAULT_USER_FILTER =
      "(&(objectClass=person)(!(objectClass=computer))(!(showInAdvancedViewOnly=TRUE))"
          + "(|(sAMAccountName={})(mail={})(userPrincipalName={}))(sAMAccountType=805306368))";
  public static final String DEFAULT_USERNAME_ATTRIBUTE = "userPrincipalName";
  public static final String DEFAULT_GROUP_FILTER =
      "(&(objectClass=group)(member:1.2.840.113556.1.4.1941:={}))";

  private final ActiveDirectoryDialect dialect = new ActiveDirectoryDialect();

  @Override
  public IdentityProviderKind kind() {
    return IdentityProviderKind.ACTIVE_DIRECTORY;
  }

  @Override
  public String controllerName() {
    return "active-directory-upstream-observer";
  }

  @Override
  public boolean reportsSearchBase() {
    return true;
  }

  @Override
  public DirectorySpec spec(ActiveDirectoryIdentityProvider resource) {
    return DirectorySpec.of(resource.getSpec());
  }

  @Override
  public DirectoryDialect dialect() {
    return dialect;
  }

  @Override
  public Optional<Searches> searches(DirectorySpec spec, @Nullable String defaultNamingContext) {
    String userBase = spec.userSearchBase() == null ? defaultNamingContext : spec.userSearchBase();
    String groupBase =
        spec.groupSearchBase() == null ? defaultNamingContext : spec.groupSearchBase();
    if (userBase == null || groupBase == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Searches(
            new DirectoryConfig.UserSearch(
                userBase,
                new SearchFilterTemplate(
                    Objects.requireNonNullElse(spec.userSearchFilter(), DEFAULT_USER_FILTER)),
                Objects.requireNonNullElse(spec.usernameAttribute(), DEFAULT_USERNAME_ATTRIBUTE),
                Objects.requireNonNullElse(
                    spec.uidAttribute(), ActiveDirectoryDialect.OBJECT_GUID)),
            new DirectoryConfig.GroupSearch(
                groupBase,
                new SearchFilterTemplate(
                    Objects.requireNonNullElse(spec.groupSearchFilter(), DEFAULT_GROUP_FILTER)),
                Objects.requireNonNullElse(spec.userAttributeForGroupFilter(), EntryValues.DN),
                Objects.requireNonNullElse(
                    spec.groupNameAttribute(), ActiveDirectoryDialect.SAM_ACCOUNT_NAME),
                spec.skipGroupRefresh())));
  }
}
