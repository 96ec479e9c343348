/** Tests of the command tree, run in-process through Deps. */
@NullMarked
package dev.pinnipedjava.cli.command;

import org.jspecify.annotations.NullMarked;
