package dev.pinnipedjava.supervisor.resource;

import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCIdentityProvider;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import java.util.Optional;

/** The kinds of upstream identity provider resource a FederationDomain may refer to. */
public enum IdentityProviderKind {
  OIDC("OIDCIdentityProvider", "oidcidentityproviders", IDPType.OIDC, OIDCIdentityProvider.class),
  LDAP("LDAPIdentityProvider", "ldapidentityproviders", IDPType.LDAP, LDAPIdentityProvider.class),
  ACTIVE_DIRECTORY(
      "ActiveDirectoryIdentityProvider",
      "activedirectoryidentityproviders",
      IDPType.ACTIVE_DIRECTORY,
      ActiveDirectoryIdentityProvider.class),
  GITHUB(
      "GitHubIdentityProvider",
      "githubidentityproviders",
      IDPType.GITHUB,
      GitHubIdentityProvider.class);

  private final String kind;
  private final String plural;
  private final IDPType discoveryType;
  private final Class<? extends HasMetadata> javaType;

  IdentityProviderKind(
      String kind, String plural, IDPType discoveryType, Class<? extends HasMetadata> javaType) {
    this.kind = kind;
    this.plural = plural;
    this.discoveryType = discoveryType;
    this.javaType = javaType;
  }

  /** The Kubernetes kind, as in {@code objectRef.kind}. */
  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  /** The type identity provider discovery reports. */
  public IDPType discoveryType() {
    return discoveryType;
  }

  public Class<? extends HasMetadata> javaType() {
    return javaType;
  }

  public static Optional<IdentityProviderKind> fromKind(String kind) {
    return Arrays.stream(values()).filter(value -> value.kind.equals(kind)).findFirst();
  }
}
