/** Tests of the fast-path entries the login commands record for the launcher. */
@NullMarked
package dev.pinnipedjava.cli.fastpath;

import org.jspecify.annotations.NullMarked;
