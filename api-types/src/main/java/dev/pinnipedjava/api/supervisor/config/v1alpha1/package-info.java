/**
 * The Supervisor's configuration resources ({@code config.supervisor.pinniped.dev/v1alpha1},
 * namespaced): FederationDomain (an OIDC issuer and its identity providers) and OIDCClient (a
 * dynamic OAuth client).
 */
@NullMarked
package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import org.jspecify.annotations.NullMarked;
