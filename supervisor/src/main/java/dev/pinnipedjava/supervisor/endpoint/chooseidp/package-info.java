/**
 * An issuer's identity provider chooser, {@code /choose_identity_provider}: a page that links each
 * ready provider back to the authorization endpoint with the same request.
 */
@NullMarked
package dev.pinnipedjava.supervisor.endpoint.chooseidp;

import org.jspecify.annotations.NullMarked;
