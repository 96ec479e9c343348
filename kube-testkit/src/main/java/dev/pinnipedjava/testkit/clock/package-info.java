/** Clocks that tests move. */
@NullMarked
package dev.pinnipedjava.testkit.clock;

import org.jspecify.annotations.NullMarked;
