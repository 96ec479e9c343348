/** The whole suite on one machine: real Dex, the Supervisor and the Concierge off-cluster. */
@NullMarked
package dev.pinnipedjava.e2e.stack;

import org.jspecify.annotations.NullMarked;
