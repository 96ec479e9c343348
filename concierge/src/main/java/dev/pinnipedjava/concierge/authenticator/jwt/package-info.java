/**
 * JWTAuthenticator: the controller that validates each one and publishes its JWT verifier, and the
 * verifier itself.
 */
@NullMarked
package dev.pinnipedjava.concierge.authenticator.jwt;

import org.jspecify.annotations.NullMarked;
