/** A loopback stand-in for a kubelet's exec endpoint, for tests of upgraded streams. */
@NullMarked
package dev.pinnipedjava.concierge.fakekubelet;

import org.jspecify.annotations.NullMarked;
