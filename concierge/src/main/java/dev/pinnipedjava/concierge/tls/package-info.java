/**
 * TLS for the aggregated API server: the Secure protocol profile, a hot-swappable serving
 * certificate and client certificate requests.
 */
@NullMarked
package dev.pinnipedjava.concierge.tls;

import org.jspecify.annotations.NullMarked;
