/**
 * What a browser login carries through the upstream provider and back: the upstream state parameter
 * (signed, then encrypted, with the FederationDomain's keys), the CSRF cookie bound to it, and the
 * random values (CSRF token, nonce, PKCE verifier) made from an injected source.
 */
@NullMarked
package dev.pinnipedjava.supervisor.oauth.state;

import org.jspecify.annotations.NullMarked;
