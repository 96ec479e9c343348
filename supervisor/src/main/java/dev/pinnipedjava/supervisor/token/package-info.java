/**
 * What the Supervisor issues: opaque authorization codes, access and refresh tokens (random value
 * plus HMAC, with Pinniped's prefixes), ES256 ID tokens, and their lifetimes.
 */
@NullMarked
package dev.pinnipedjava.supervisor.token;

import org.jspecify.annotations.NullMarked;
