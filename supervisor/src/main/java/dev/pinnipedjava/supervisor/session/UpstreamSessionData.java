package dev.pinnipedjava.supervisor.session;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What one kind of upstream identity provider keeps of a login to revalidate it later. Only the
 * provider that wrote it reads it; endpoints carry it along unopened. Holds credentials: every
 * implementation hides them from {@code toString()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OidcUpstreamSession.class, name = "oidc"),
  @JsonSubTypes.Type(value = LdapUpstreamSession.class, name = "ldap"),
  @JsonSubTypes.Type(value = ActiveDirectoryUpstreamSession.class, name = "activedirectory"),
  @JsonSubTypes.Type(value = GitHubUpstreamSession.class, name = "github")
})
public sealed interface UpstreamSessionData
    permits OidcUpstreamSession,
        LdapUpstreamSession,
        ActiveDirectoryUpstreamSession,
        GitHubUpstreamSession {}
