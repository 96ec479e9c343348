/** The build version of this CLI. */
@NullMarked
package dev.pinnipedjava.cli.version;

import org.jspecify.annotations.NullMarked;
