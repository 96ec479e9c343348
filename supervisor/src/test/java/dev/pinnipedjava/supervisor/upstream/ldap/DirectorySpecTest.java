package dev.pinnipedjava.supervisor.upstream.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProviderBind;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProviderGroupSearch;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProviderGroupSearchAttributes;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProviderUserSearch;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProviderUserSearchAttributes;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.DirectoryIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderBind;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderGroupSearch;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderGroupSearchAttributes;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderUserSearch;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderUserSearchAttributes;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.TLSSpec;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DirectorySpecTest {
  private static final TLSSpec TLS = new TLSSpec("Y2E=", null);

  private static final DirectorySpec EVERY_FIELD =
      new DirectorySpec(
          "ldap.example.com:636",
          TLS,
          "bind-account",
          "ou=users,dc=example,dc=com",
          "(mail={})",
          "mail",
          "uidNumber",
          "ou=groups,dc=example,dc=com",
          "(member={})",
          "dn",
          "cn",
          true);

  private static final DirectorySpec NOTHING =
      new DirectorySpec("", null, "", null, null, null, null, null, null, null, null, false);

  record Case(String name, @Nullable DirectoryIdentityProviderSpec spec, DirectorySpec want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no spec", null, NOTHING),
        new Case(
            "LDAP with every field",
            new LDAPIdentityProviderSpec(
                "ldap.example.com:636",
                TLS,
                new LDAPIdentityProviderBind("bind-account"),
                new LDAPIdentityProviderUserSearch(
                    "ou=users,dc=example,dc=com",
                    "(mail={})",
                    new LDAPIdentityProviderUserSearchAttributes("mail", "uidNumber")),
                new LDAPIdentityProviderGroupSearch(
                    "ou=groups,dc=example,dc=com",
                    "(member={})",
                    "dn",
                    new LDAPIdentityProviderGroupSearchAttributes("cn"),
                    true)),
            EVERY_FIELD),
        new Case(
            "Active Directory with every field",
            new ActiveDirectoryIdentityProviderSpec(
                "ldap.example.com:636",
                TLS,
                new ActiveDirectoryIdentityProviderBind("bind-account"),
                new ActiveDirectoryIdentityProviderUserSearch(
                    "ou=users,dc=example,dc=com",
                    "(mail={})",
                    new ActiveDirectoryIdentityProviderUserSearchAttributes("mail", "uidNumber")),
                new ActiveDirectoryIdentityProviderGroupSearch(
                    "ou=groups,dc=example,dc=com",
                    "(member={})",
                    "dn",
                    new ActiveDirectoryIdentityProviderGroupSearchAttributes("cn"),
                    true)),
            EVERY_FIELD),
        new Case(
            "only a host",
            new LDAPIdentityProviderSpec("ldap.example.com", null, null, null, null),
            new DirectorySpec(
                "ldap.example.com",
                null,
                "",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false)),
        new Case(
            "searches without attributes, empty strings and no skipGroupRefresh",
            new ActiveDirectoryIdentityProviderSpec(
                "ad.example.com",
                null,
                new ActiveDirectoryIdentityProviderBind("bind-account"),
                new ActiveDirectoryIdentityProviderUserSearch("", "", null),
                new ActiveDirectoryIdentityProviderGroupSearch("", "", "", null, null)),
            new DirectorySpec(
                "ad.example.com",
                null,
                "bind-account",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false)),
        new Case(
            "attributes without values",
            new LDAPIdentityProviderSpec(
                "ldap.example.com",
                null,
                null,
                new LDAPIdentityProviderUserSearch(
                    null, null, new LDAPIdentityProviderUserSearchAttributes(null, null)),
                new LDAPIdentityProviderGroupSearch(
                    null, null, null, new LDAPIdentityProviderGroupSearchAttributes(null), false)),
            new DirectorySpec(
                "ldap.example.com",
                null,
                "",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsEitherKindOfSpec(Case c) {
    assertThat(DirectorySpec.of(c.spec())).isEqualTo(c.want());
  }
}
