/** Tests of the lock directory and its clean-up. */
@NullMarked
package dev.pinnipedjava.cli.cachefile;

import org.jspecify.annotations.NullMarked;
