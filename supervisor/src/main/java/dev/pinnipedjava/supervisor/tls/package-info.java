/**
 * TLS of the issuer endpoints: serving certificates chosen per connection by SNI from the
 * FederationDomains' TLS Secrets, reloaded while running.
 */
@NullMarked
package dev.pinnipedjava.supervisor.tls;

import org.jspecify.annotations.NullMarked;
