package dev.pinnipedjava.supervisor.oauth;

import dev.pinnipedjava.api.supervisor.oidc.ClientIds;
import dev.pinnipedjava.api.supervisor.oidc.GrantTypes;
import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The downstream OAuth clients the Supervisor knows. */
public interface ClientRegistry {
  Optional<OAuthClient> find(String clientId);

  /**
   * Pinniped's static public client of the CLI: redirect {@code http://127.0.0.1/callback} on any
   * port, every grant, form_post, and the password headers.
   */
  OAuthClient PINNIPED_CLI =
      new OAuthClient(
          ClientIds.PINNIPED_CLI,
          List.of(URI.create("http://127.0.0.1/callback")),
          Set.of(
              OidcScopes.OPENID,
              OidcScopes.OFFLINE_ACCESS,
              OidcScopes.PROFILE,
              OidcScopes.EMAIL,
              OidcScopes.REQUEST_AUDIENCE,
              OidcScopes.USERNAME,
              OidcScopes.GROUPS),
          Set.of(
              GrantTypes.AUTHORIZATION_CODE, GrantTypes.REFRESH_TOKEN, GrantTypes.TOKEN_EXCHANGE),
          true,
          true);

  /** Only {@code pinniped-cli}: the registry until OIDCClients are supported. */
  static ClientRegistry pinnipedCliOnly() {
    return clientId ->
        PINNIPED_CLI.id().equals(clientId) ? Optional.of(PINNIPED_CLI) : Optional.empty();
  }
}
