/**
 * The token endpoint's grants, one class each: authorization code with PKCE, refresh token (with
 * upstream revalidation and rotation), and RFC 8693 token exchange for a cluster audience.
 */
@NullMarked
package dev.pinnipedjava.supervisor.endpoint.token.grant;

import org.jspecify.annotations.NullMarked;
