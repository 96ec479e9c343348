/** An issuer's public signing keys, {@code /jwks.json}, from the key cache. */
@NullMarked
package dev.pinnipedjava.supervisor.endpoint.jwks;

import org.jspecify.annotations.NullMarked;
