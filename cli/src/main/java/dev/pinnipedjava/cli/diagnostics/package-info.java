/** Debug logging to stderr, switched on by PINNIPED_DEBUG=true. */
@NullMarked
package dev.pinnipedjava.cli.diagnostics;

import org.jspecify.annotations.NullMarked;
