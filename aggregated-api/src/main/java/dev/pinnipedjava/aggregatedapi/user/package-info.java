/** The Kubernetes user a caller or a token is authenticated as. */
@NullMarked
package dev.pinnipedjava.aggregatedapi.user;

import org.jspecify.annotations.NullMarked;
