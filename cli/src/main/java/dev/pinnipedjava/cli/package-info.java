/** Entry point of the pinniped-java command-line program. */
@NullMarked
package dev.pinnipedjava.cli;

import org.jspecify.annotations.NullMarked;
