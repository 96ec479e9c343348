/** The OIDC session cache (sessions.yaml): ID, access and refresh tokens per issuer and client. */
@NullMarked
package dev.pinnipedjava.cli.sessioncache;

import org.jspecify.annotations.NullMarked;
