/** Whole logins through an issuer's endpoints, and bad input at each of them. */
@NullMarked
package dev.pinnipedjava.supervisor.endpoint.flow;

import org.jspecify.annotations.NullMarked;
