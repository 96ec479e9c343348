package dev.pinnipedjava.supervisor.oidcclient;

import dev.pinnipedjava.api.supervisor.config.v1alpha1.AllowedGrantType;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.AllowedScope;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClient;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClientSpec;
import dev.pinnipedjava.api.supervisor.oidc.GrantTypes;
import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import dev.pinnipedjava.supervisor.oauth.ClientRegistry;
import dev.pinnipedjava.supervisor.oauth.OAuthClient;
import dev.pinnipedjava.supervisor.token.TokenLifetimes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The clients of the token and authorize endpoints: {@code pinniped-cli}, and every valid
 * OIDCClient (Pinniped's {@code clientregistry}). OIDCClients are confidential, may not use {@code
 * form_post} or the password headers, and are looked up in the caches on every request, so changes
 * apply at once. An invalid one does not exist as far as OAuth is concerned.
 */
public final class OidcClientRegistry implements ClientRegistry {
  private final OidcClients clients;

  public OidcClientRegistry(OidcClients clients) {
    this.clients = clients;
  }

  @Override
  public Optional<OAuthClient> find(String clientId) {
    if (PINNIPED_CLI.id().equals(clientId)) {
      return Optional.of(PINNIPED_CLI);
    }
    return clients.client(clientId).flatMap(this::oauthClient);
  }

  private Optional<OAuthClient> oauthClient(OIDCClient client) {
    OidcClientValidation validation = clients.validate(client);
    OIDCClientSpec spec = client.getSpec();
    if (!validation.valid() || spec == null) {
      return Optional.empty();
    }
    List<URI> redirectUris = new ArrayList<>();
    for (String uri : spec.allowedRedirectURIs()) {
      try {
        redirectUris.add(new URI(uri));
      } catch (URISyntaxException e) {
        // The CRD pattern admits some strings that are no URIs; they match no request.
      }
    }
    Integer idTokenSeconds =
        spec.tokenLifetimes() == null ? null : spec.tokenLifetimes().idTokenSeconds();
    return Optional.of(
        new OAuthClient(
            client.getMetadata().getName(),
            redirectUris,
            spec.allowedScopes().stream()
                .map(OidcClientRegistry::scope)
                .collect(Collectors.toSet()),
            spec.allowedGrantTypes().stream()
                .map(OidcClientRegistry::grantType)
                .collect(Collectors.toSet()),
            false,
            false,
            validation.secretHashes(),
            idTokenSeconds == null ? TokenLifetimes.ID_TOKEN : Duration.ofSeconds(idTokenSeconds)));
  }

  static String scope(AllowedScope scope) {
    return switch (scope) {
      case OPENID -> OidcScopes.OPENID;
      case OFFLINE_ACCESS -> OidcScopes.OFFLINE_ACCESS;
      case USERNAME -> OidcScopes.USERNAME;
      case GROUPS -> OidcScopes.GROUPS;
      case REQUEST_AUDIENCE -> OidcScopes.REQUEST_AUDIENCE;
    };
  }

  static String grantType(AllowedGrantType grantType) {
    return switch (grantType) {
      case AUTHORIZATION_CODE -> GrantTypes.AUTHORIZATION_CODE;
      case REFRESH_TOKEN -> GrantTypes.REFRESH_TOKEN;
      case TOKEN_EXCHANGE -> GrantTypes.TOKEN_EXCHANGE;
    };
  }
}
