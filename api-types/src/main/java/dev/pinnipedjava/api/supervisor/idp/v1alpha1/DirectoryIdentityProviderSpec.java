package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import org.jspecify.annotations.Nullable;

/**
 * The fields LDAPIdentityProviderSpec and ActiveDirectoryIdentityProviderSpec share, under the same
 * names: code that reads one reads the other.
 */
public interface DirectoryIdentityProviderSpec {
  String host();

  @Nullable TLSSpec tls();

  @Nullable Bind bind();

  @Nullable UserSearch userSearch();

  @Nullable GroupSearch groupSearch();

  /** The Secret with the account the Supervisor binds as. */
  interface Bind {
    String secretName();
  }

  /** How a user's entry is found by the username they typed. */
  interface UserSearch {
    @Nullable String base();

    @Nullable String filter();

    @Nullable UserSearchAttributes attributes();
  }

  /** Which attributes of the user's entry give the username and the unique id. */
  interface UserSearchAttributes {
    @Nullable String username();

    @Nullable String uid();
  }

  /** How the groups of a user are found. */
  interface GroupSearch {
    @Nullable String base();

    @Nullable String filter();

    @Nullable String userAttributeForFilter();

    @Nullable GroupSearchAttributes attributes();

    @Nullable Boolean skipGroupRefresh();
  }

  /** Which attribute of a group's entry gives the group name. */
  interface GroupSearchAttributes {
    @Nullable String groupName();
  }
}
