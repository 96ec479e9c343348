/** Tests of the Concierge client's validation. */
@NullMarked
package dev.pinnipedjava.cli.concierge;

import org.jspecify.annotations.NullMarked;
