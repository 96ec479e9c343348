/**
 * An issuer's authorization endpoint, {@code /oauth2/authorize}: validates the downstream request,
 * chooses the upstream identity provider, and either sends the browser upstream (storing nothing
 * yet) or, for the CLI's password flow, logs in at once and answers with a code.
 */
@NullMarked
package dev.pinnipedjava.supervisor.endpoint.authorize;

import org.jspecify.annotations.NullMarked;
