package dev.pinnipedjava.cli.login;

import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.http.HttpClientFactory;
import dev.pinnipedjava.cli.http.TlsProfile;
import dev.pinnipedjava.cli.http.TlsSettings;
import java.security.GeneralSecurityException;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The issuer as one login sees it, discovered on first use (a cached session that is still good
 * needs no network at all): the HTTP client trusting its CAs, its metadata, its identity provider
 * list when it is a Supervisor, and its token endpoint.
 */
final class IssuerConnection {

  private final LoginOptions options;
  private final HttpClientFactory httpClients;
  private final Clock clock;
  private final DebugLog debug;

  private @Nullable Discovered discovered;

  private record Discovered(
      OidcHttp http,
      ProviderMetadata provider,
      @Nullable IdentityProviders identityProviders,
      TokenEndpoint endpoint) {}

  IssuerConnection(
      LoginOptions options, HttpClientFactory httpClients, Clock clock, DebugLog debug) {
    this.options = options;
    this.httpClients = httpClients;
    this.clock = clock;
    this.debug = debug;
  }

  OidcHttp http() throws LoginException {
    return discover().http();
  }

  ProviderMetadata provider() throws LoginException {
    return discover().provider();
  }

  /** The Supervisor's identity providers, or null when the issuer is not a Supervisor. */
  @Nullable IdentityProviders identityProviders() throws LoginException {
    return discover().identityProviders();
  }

  TokenEndpoint endpoint() throws LoginException {
    return discover().endpoint();
  }

  private Discovered discover() throws LoginException {
    Discovered known = discovered;
    if (known != null) {
      return known;
    }
    TlsSettings tls;
    try {
      tls = TlsSettings.of(TlsProfile.DEFAULT, options.trustRoots(), null);
    } catch (GeneralSecurityException e) {
      throw new LoginException("could not set up TLS for the issuer: " + e.getMessage(), e);
    }
    OidcHttp http = new OidcHttp(httpClients.create(tls));
    debug.log("Performing OIDC discovery", "issuer", options.issuer());
    ProviderMetadata provider = ProviderMetadata.discover(http, options.issuer());
    IdentityProviders identityProviders =
        provider.idpDiscoveryEndpoint() == null
            ? null
            : IdentityProviders.fetch(http, provider.idpDiscoveryEndpoint());
    known =
        new Discovered(
            http,
            provider,
            identityProviders,
            new TokenEndpoint(http, provider, options.clientId(), clock));
    discovered = known;
    return known;
  }
}
