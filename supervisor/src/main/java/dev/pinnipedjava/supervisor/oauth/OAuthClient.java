package dev.pinnipedjava.supervisor.oauth;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * A downstream OAuth client.
 *
 * @param id the client ID
 * @param redirectUris its registered redirect URIs; loopback ones match any port (RFC 8252 section
 *     7.3)
 * @param allowedScopes the scopes it may request
 * @param allowedGrantTypes the grant types it may use at the token endpoint
 * @param formPostAllowed whether it may ask for {@code response_mode=form_post}
 * @param passwordHeadersAllowed whether it may send the username and password headers
 */
public record OAuthClient(
    String id,
    List<URI> redirectUris,
    Set<String> allowedScopes,
    Set<String> allowedGrantTypes,
    boolean formPostAllowed,
    boolean passwordHeadersAllowed) {
  public OAuthClient {
    redirectUris = List.copyOf(redirectUris);
    allowedScopes = Set.copyOf(allowedScopes);
    allowedGrantTypes = Set.copyOf(allowedGrantTypes);
  }

  /** Whether {@code requested} is one of its redirect URIs, loopback ports aside. */
  public boolean allowsRedirectUri(URI requested) {
    return redirectUris.stream()
        .anyMatch(registered -> RedirectUris.matches(registered, requested));
  }
}
