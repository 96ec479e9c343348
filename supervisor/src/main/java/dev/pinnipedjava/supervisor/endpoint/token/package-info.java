/**
 * An issuer's token endpoint, {@code /oauth2/token}: parses the request and authenticates the
 * client once, then hands it to the grant its {@code grant_type} names.
 */
@NullMarked
package dev.pinnipedjava.supervisor.endpoint.token;

import org.jspecify.annotations.NullMarked;
