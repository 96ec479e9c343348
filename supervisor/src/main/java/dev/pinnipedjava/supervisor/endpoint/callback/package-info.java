/**
 * An issuer's {@code /callback}, where upstream providers send the browser back: checks the state
 * against the CSRF cookie, completes the login upstream, and answers the downstream client with an
 * authorization code.
 */
@NullMarked
package dev.pinnipedjava.supervisor.endpoint.callback;

import org.jspecify.annotations.NullMarked;
