/**
 * TLS of the servers and clients: Pinniped's protocol profiles, a hot-swappable serving
 * certificate, client certificate requests and their verification.
 */
@NullMarked
package dev.pinnipedjava.aggregatedapi.tls;

import org.jspecify.annotations.NullMarked;
