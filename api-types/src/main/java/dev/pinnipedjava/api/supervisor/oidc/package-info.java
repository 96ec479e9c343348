/**
 * Protocol constants of the Supervisor's OAuth 2.0 / OpenID Connect endpoints that the CLI, the
 * Supervisor and the Concierge share: scopes, claims, grant and token types, client IDs, Pinniped's
 * extensions of the authorize request and of discovery, and endpoint paths.
 */
@NullMarked
package dev.pinnipedjava.api.supervisor.oidc;

import org.jspecify.annotations.NullMarked;
