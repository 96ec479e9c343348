/**
 * TLS of the issuer endpoints: Pinniped's Default profile, and serving certificates chosen per
 * connection by SNI from the FederationDomains' TLS Secrets, reloaded while running.
 */
@NullMarked
package dev.pinnipedjava.supervisor.tls;

import org.jspecify.annotations.NullMarked;
