package dev.pinnipedjava.supervisor.upstream.ldap;

import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;

/**
 * A validated directory provider configuration, defaults applied.
 *
 * @param userSearch how users are found
 * @param groupSearch how their groups are found
 */
public record DirectoryConfig(
    DirectoryAddress address,
    ConnectionProtocol protocol,
    UpstreamTlsTrust trust,
    BindCredentials bind,
    UserSearch userSearch,
    GroupSearch groupSearch,
    DirectoryDialect dialect) {

  /**
   * @param base where to search
   * @param filter with the typed username for {@code {}}
   * @param usernameAttribute the username ({@code dn} allowed)
   * @param uidAttribute the UID ({@code dn} allowed)
   */
  public record UserSearch(
      String base, SearchFilterTemplate filter, String usernameAttribute, String uidAttribute) {}

  /**
   * @param base where to search; empty for no group search
   * @param filter with the user's {@code userAttributeForFilter} value for {@code {}}
   * @param userAttributeForFilter which value of the user entry goes into the filter ({@code dn}
   *     allowed)
   * @param groupNameAttribute the group name ({@code dn} allowed)
   * @param skipGroupRefresh keep the login's groups on refresh
   */
  public record GroupSearch(
      String base,
      SearchFilterTemplate filter,
      String userAttributeForFilter,
      String groupNameAttribute,
      boolean skipGroupRefresh) {
    public boolean enabled() {
      return !base.isEmpty();
    }
  }
}
