/**
 * Upstream OpenID Connect providers: the OIDCIdentityProvider controller (discovery, client
 * credentials, TLS, conditions) and the {@link
 * dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider} it publishes (authorization code
 * flow with PKCE and nonce, password grant, refresh and userinfo revalidation, claims mapping).
 *
 * <p>Upstream calls use the Nimbus OAuth 2.0 SDK's own HTTP requests rather than {@code
 * quarkus-oidc-client}: that client is configured statically per named client in application
 * properties, while OIDCIdentityProviders come and go at run time, each with its own issuer,
 * credentials and CA bundle; the SDK builds and parses exactly the messages needed, with a socket
 * factory per provider for its trusted authorities.
 */
@NullMarked
package dev.pinnipedjava.supervisor.upstream.oidc;

import org.jspecify.annotations.NullMarked;
