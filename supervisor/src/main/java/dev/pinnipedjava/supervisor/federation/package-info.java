/**
 * Validated FederationDomains as the request path sees them: their issuers, identity providers and
 * endpoints, published whole to the {@link dev.pinnipedjava.supervisor.federation.IssuerRouter}.
 */
@NullMarked
package dev.pinnipedjava.supervisor.federation;

import org.jspecify.annotations.NullMarked;
