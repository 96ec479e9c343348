/** An overall deadline for a command that polls, and the pause between its attempts. */
@NullMarked
package dev.pinnipedjava.cli.timing;

import org.jspecify.annotations.NullMarked;
