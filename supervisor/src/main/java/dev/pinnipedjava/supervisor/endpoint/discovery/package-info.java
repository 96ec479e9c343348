/** An issuer's OpenID Provider discovery document, {@code /.well-known/openid-configuration}. */
@NullMarked
package dev.pinnipedjava.supervisor.endpoint.discovery;

import org.jspecify.annotations.NullMarked;
