package dev.pinnipedjava.supervisor.oauth;

import dev.pinnipedjava.supervisor.clientsecret.Bcrypt;
import dev.pinnipedjava.supervisor.token.TokenLifetimes;
import java.net.URI;
import java.time.Duration;
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
 * @param secretHashes bcrypt hashes of its secrets; none for a public client, which identifies
 *     itself by {@code client_id} alone, at least one for a confidential client, which must
 *     authenticate with HTTP Basic ({@code client_secret_basic})
 * @param idTokenLifetime how long its ID tokens of the authorization code and refresh grants live
 */
public record OAuthClient(
    String id,
    List<URI> redirectUris,
    Set<String> allowedScopes,
    Set<String> allowedGrantTypes,
    boolean formPostAllowed,
    boolean passwordHeadersAllowed,
    List<String> secretHashes,
    Duration idTokenLifetime) {
  public OAuthClient {
    redirectUris = List.copyOf(redirectUris);
    allowedScopes = Set.copyOf(allowedScopes);
    allowedGrantTypes = Set.copyOf(allowedGrantTypes);
    secretHashes = List.copyOf(secretHashes);
  }

  /** A public client with the default ID token lifetime. */
  public OAuthClient(
      String id,
      List<URI> redirectUris,
      Set<String> allowedScopes,
      Set<String> allowedGrantTypes,
      boolean formPostAllowed,
      boolean passwordHeadersAllowed) {
    this(
        id,
        redirectUris,
        allowedScopes,
        allowedGrantTypes,
        formPostAllowed,
        passwordHeadersAllowed,
        List.of(),
        TokenLifetimes.ID_TOKEN);
  }

  /** Whether it must authenticate with a secret at the token endpoint. */
  public boolean confidential() {
    return !secretHashes.isEmpty();
  }

  /**
   * Whether {@code secret} is one of its secrets. Every hash is compared, so that the time taken
   * does not tell which one matched.
   */
  public boolean acceptsSecret(String secret) {
    boolean accepted = false;
    for (String hash : secretHashes) {
      accepted |= Bcrypt.matches(hash, secret);
    }
    return accepted;
  }

  // The hashes are not secrets, but they help guessing ones: keep them out of logs.
  @Override
  public String toString() {
    return "OAuthClient[id=" + id + ", confidential=" + confidential() + "]";
  }

  /** Whether {@code requested} is one of its redirect URIs, loopback ports aside. */
  public boolean allowsRedirectUri(URI requested) {
    return redirectUris.stream()
        .anyMatch(registered -> RedirectUris.matches(registered, requested));
  }
}
