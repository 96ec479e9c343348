/**
 * The Supervisor's generated keys: controllers that keep them in Secrets (a JWKS, a token HMAC key
 * and state signing and encryption keys per FederationDomain, and one CSRF cookie key), and the
 * {@link dev.pinnipedjava.supervisor.keys.KeyCache} snapshot request handlers read them from.
 */
@NullMarked
package dev.pinnipedjava.supervisor.keys;

import org.jspecify.annotations.NullMarked;
